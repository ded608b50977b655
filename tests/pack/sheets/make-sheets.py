#!/usr/bin/python3
# Writes spreadsheets as operators' spreadsheet programs save them, for kiosk-pack's tests: with
# python3-openpyxl, then the same opened and saved again by LibreOffice (which computes their
# formulas and writes its own styles), and a CSV opened in LibreOffice and saved as .xlsx.
#   make-sheets.py OUTDIR   (needs Debian's python3-openpyxl and libreoffice-calc-nogui)
# The files written into tests/pack/sheets/ are kept in the repository; the end-to-end test
# writes them afresh.
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

# The week's timetable as an operator types it: real date and time cells in several formats,
# a date without a year (a cell formatted m"月"d"日", and one typed as text), full-width digits,
# yes and no in any case, a boolean cell.
wb = Workbook()
ws = wb.active
ws.title = "日程"
ws.append(["日期", "开始时间", "结束时间", "活动名称", "地点", "示例"])
rows = [
    (datetime.date(2020, 11, 8), "yyyy/m/d", datetime.time(9, 0), "h:mm:ss",
     datetime.time(11, 0), "h:mm", "启动仪式", "潍坊职业学院", "Yes"),
    (datetime.date(2020, 11, 9), 'm"月"d"日"', datetime.time(14, 30), "h:mm:ss",
     datetime.time(16, 0), "h:mm:ss", "技能展演", "礼堂", "NO"),
    ("11月10日", None, "９：００", None, "10:30:00", None, "网上研讨会", "线上", True),
    (datetime.datetime(2020, 11, 11), "yyyy-mm-dd hh:mm", datetime.time(19, 0), "[h]:mm",
     datetime.time(1, 0), "h:mm AM/PM", "闭幕晚会", "体育馆", "no"),
]
for r, (d, df, s, sf, e, ef, title, place, inv) in enumerate(rows, start=2):
    for col, (v, fmt) in enumerate([(d, df), (s, sf), (e, ef)], start=1):
        c = ws.cell(row=r, column=col, value=v)
        if fmt:
            c.number_format = fmt
    ws.cell(row=r, column=4, value=title)
    ws.cell(row=r, column=5, value=place)
    ws.cell(row=r, column=6, value=inv)
hidden = wb.create_sheet("备注")
hidden.append(["这一页不是日程"])
wb.save(os.path.join(out, "timetable-openpyxl.xlsx"))

# Results: scores with more decimals than one, a fixed two-decimal format, ties to the last
# digit, full-width digits, the words for no score and a blank one, formulas (their values
# only exist once a spreadsheet program has computed them), yes and no in any case.
wb = Workbook()
ws = wb.active
ws.title = "成绩"
ws.append(["赛项", "学校", "选手", "成绩", "奖项", "决赛"])
results = [
    ("数控车加工", "潍坊职业学院", "选手01", 85.25, None, "一等奖", "YES"),
    ("数控车加工", "潍坊科技学院", "选手02", 85.3, "0.00", "一等奖", "Yes"),
    ("数控车加工", "寿光职教中心", "选手03", 85.2501, None, "二等奖", "yes"),
    ("数控车加工", "青州职业学院", "选手04", "８８.５", None, "", "True"),
    ("数控车加工", "昌乐职教中心", "选手05", "缺考", None, "", True),
    ("数控车加工", "诸城职教中心", "选手06", None, None, "", "是"),
    ("数控车加工", "高密职教中心", "选手07", "弃权", None, "", "yes"),
    ("数控车加工", "安丘职教中心", "选手08", "=85+0.25", None, "", "Yes"),
    ("电子技术", "潍坊职业学院", "选手11", "=0.1+0.2", None, "", "No"),
    ("电子技术", "潍坊科技学院", "选手12", 0.3, None, "", "no"),
]
for r, (ev, team, who, score, fmt, award, final) in enumerate(results, start=2):
    ws.cell(row=r, column=1, value=ev)
    ws.cell(row=r, column=2, value=team)
    ws.cell(row=r, column=3, value=who)
    c = ws.cell(row=r, column=4, value=score)
    if fmt:
        c.number_format = fmt
    ws.cell(row=r, column=5, value=award or None)
    ws.cell(row=r, column=6, value=final)
wb.save(os.path.join(out, "results-openpyxl.xlsx"))

# A CSV as a scoring desk exports it, opened in LibreOffice and saved as .xlsx: LibreOffice
# turns the dates and times it recognises into date and time cells.
csv = os.path.join(tempfile.mkdtemp(prefix="kiosk-csv-"), "timetable.csv")
with open(csv, "w", encoding="utf-8") as f:
    f.write("日期,开始,结束,活动,地点\n2020-11-08,9:00,11:00,启动仪式,潍坊职业学院\n"
            "2020/11/9,14:30:00,16:00:00,技能展演,礼堂\n")

# LibreOffice, headless, with a profile of its own: the openpyxl files saved again, and the CSV
# (comma-separated, UTF-8) saved as a workbook.
profile = tempfile.mkdtemp(prefix="kiosk-lo-")
try:
    work = tempfile.mkdtemp(prefix="kiosk-lo-out-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", work,
                    os.path.join(out, "timetable-openpyxl.xlsx"),
                    os.path.join(out, "results-openpyxl.xlsx")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", work, csv],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    shutil.move(os.path.join(work, "timetable-openpyxl.xlsx"),
                os.path.join(out, "timetable-libreoffice.xlsx"))
    shutil.move(os.path.join(work, "results-openpyxl.xlsx"),
                os.path.join(out, "results-libreoffice.xlsx"))
    shutil.move(os.path.join(work, "timetable.xlsx"),
                os.path.join(out, "timetable-from-csv.xlsx"))
    shutil.rmtree(work)
    shutil.rmtree(os.path.dirname(csv))
finally:
    shutil.rmtree(profile, ignore_errors=True)
