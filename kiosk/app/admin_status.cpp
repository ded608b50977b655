// Admin status lines.
#include "kiosk/app/admin_status.hpp"

namespace kiosk::app {

std::string format_uptime(std::chrono::steady_clock::duration d) {
    using namespace std::chrono;
    auto s = duration_cast<seconds>(d).count();
    long long days = s / 86400;
    long long hours = s % 86400 / 3600;
    long long minutes = s % 3600 / 60;
    if (days > 0)
        return std::to_string(days) + "天 " + std::to_string(hours) + "小时 " +
               std::to_string(minutes) + "分";
    if (hours > 0)
        return std::to_string(hours) + "小时 " + std::to_string(minutes) + "分";
    return std::to_string(minutes) + "分 " + std::to_string(s % 60) + "秒";
}

ui::StatusLines status_lines(const StatusInputs& in) {
    ui::StatusLines l;
    auto when = [&](const std::optional<TimePoint>& t) {
        return t ? format_chinese_date(*t, in.utc_offset).substr(0) + " " +
                       format_hhmm(*t, in.utc_offset)
                 : std::string("从未");
    };
    l.emplace_back("显示屏编号", in.display_id);
    l.emplace_back("内容版本", std::to_string(in.bundle_version));
    // Content flags.
    if (in.expired_at)
        l.emplace_back("内容过期",
                       "content expired at " + format_iso(*in.expired_at, in.utc_offset));
    if (in.channel.empty()) {
        l.emplace_back("内容来源", "本地内容（未配置频道）");
    } else {
        l.emplace_back("内容频道", in.channel);
        if (in.sync) {
            l.emplace_back("最近同步", when(in.sync->last_success));
            l.emplace_back("最近错误", in.sync->last_error.empty() ? std::string("无")
                                                                   : when(in.sync->last_error_at) +
                                                                         " " + in.sync->last_error);
        }
    }
    if (!in.skipped_slides.empty()) {
        std::string ids;
        for (const auto& id : in.skipped_slides)
            ids += (ids.empty() ? "" : "、") + id;
        l.emplace_back("跳过的幻灯片", ids + "（程序在其中两次异常退出，新版本发布后再试）");
    }
    l.emplace_back("网络地址", in.addresses);
    l.emplace_back("运行时间", format_uptime(in.uptime));
    l.emplace_back("当前时间", format_chinese_date(in.now, in.utc_offset) + " " +
                                   format_hhmm(in.now, in.utc_offset));
    l.emplace_back("程序版本", in.version);
    return l;
}

} // namespace kiosk::app
