// The pack tests' shared parts: a good source folder in a temporary directory, to spoil in each
// test, and how to look for a problem in what the reader found.
#pragma once

#include "source.hpp"

#include "kiosk/content/bundle.hpp"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace kiosk::pack::test {

namespace fs = std::filesystem;

inline std::string gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    std::string out(utf8.size() * 2, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t il = utf8.size();
    char* o = out.data();
    std::size_t ol = out.size();
    iconv(cd, &in, &il, &o, &ol);
    iconv_close(cd);
    out.resize(out.size() - ol);
    return out;
}

// A file of the repository (`tests/media/images/exif/orientation-6.jpg`), read whole.
inline std::string repo_file(const std::string& path) {
    auto bytes = content::read_file(fs::path(KIOSK_SOURCE_DIR) / path, 64u << 20);
    EXPECT_TRUE(bytes) << path;
    return bytes ? *bytes : std::string();
}

inline bool mentions(const Problems& p, const std::string& file, int line,
                     const std::string& text) {
    for (const auto& x : p.all())
        if (x.file == file && (line < 0 || x.line == line) &&
            (x.message + " " + x.field).find(text) != std::string::npos)
            return true;
    return false;
}

class SourceFolder : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("kiosk-pack-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "posters");
        fs::create_directories(m_dir / "notices");
        fs::copy_file(fs::path(KIOSK_SOURCE_DIR) / "tools/sample/source/posters/launch.jpg",
                      m_dir / "posters/launch.jpg");
        write("notices/rules.md",
              "# 疫情防控要求\n\n进入场馆请佩戴口罩。\n\n- 测量体温\n- 保持距离\n");
        write("timetable.csv",
              "日期,开始,结束,活动,地点,示例\n2020/11/8,9:00,11:00,启动仪式,潍坊职业学院,是\n"
              "2020-11-08,19:00,01:00,晚会,礼堂,否\n");
        write("results.csv",
              gbk("赛项,学校,选手,成绩,奖项,决赛\n数控车加工,潍坊职业学院,选手01,95.5,一等奖,是\n"
                  "数控车加工,潍坊科技学院,选手02,90,,是\n"));
        settings(kGood);
    }
    void TearDown() override {
        fs::remove_all(m_dir);
        fs::remove_all(m_dir.string() + "-out");
    }
    void write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
    }
    void settings(const std::string& text) { write("settings.ini", text); }
    std::optional<Packed> pack(Problems& p) {
        PackOptions o;
        o.now = *parse_datetime("2020-11-07T18:00:00+08:00");
        return pack_source(m_dir, o, p);
    }
    // The folder packed, written as a bundle and loaded as the player loads it; null (with the
    // test failed) if any step fails.
    std::shared_ptr<const content::Bundle> build_and_load() {
        Problems p;
        auto packed = pack(p);
        EXPECT_TRUE(packed) << p.report();
        fs::path out = m_dir.string() + "-out";
        if (!packed || !write_bundle(*packed, out))
            return nullptr;
        auto b = content::load_bundle(out);
        EXPECT_TRUE(b) << b.error().message;
        return b ? *b : nullptr;
    }

    static constexpr const char* kGood = R"([bundle]
version = 2
time_zone = Asia/Shanghai +08:00

[theme]
header = 2020年潍坊市职业教育活动周 · 人人出彩，技能强国

[ticker]
slogan = 人人出彩，技能强国

[timetable]
file = timetable.csv

[results]
file = results.csv
sample = yes

[slide launch]
poster = posters/launch.jpg
duration = 12
tags = hall-a, entrance
hours = 08:00-18:00

[slide rules]
notice = notices/rules.md
priority = notice
until = 2020-11-14

[slide today]
schedule = yes

[slide cnc]
results = 数控车加工

[playlist]
order = launch, today, cnc
)";
    fs::path m_dir;
};

} // namespace kiosk::pack::test
