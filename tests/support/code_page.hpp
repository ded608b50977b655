// Every character of a double-byte code page (GB 2312, GBK), decoded with iconv: for the tests
// that check the fonts cover what Chinese text files can hold.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>

#include <set>

namespace kiosk::test {

inline std::set<char32_t> code_page(const char* name, int hi_from, int hi_to, int lo_from,
                                    int lo_to) {
    std::set<char32_t> out;
    iconv_t cd = iconv_open("UTF-32LE", name);
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    for (int hi = hi_from; hi <= hi_to; ++hi) {
        for (int lo = lo_from; lo <= lo_to; ++lo) {
            char in[2] = {static_cast<char>(hi), static_cast<char>(lo)};
            char32_t cp = 0;
            char* ip = in;
            char* op = reinterpret_cast<char*>(&cp);
            std::size_t il = 2;
            std::size_t ol = 4;
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
            if (iconv(cd, &ip, &il, &op, &ol) != static_cast<std::size_t>(-1) && ol == 0)
                out.insert(cp);
        }
    }
    iconv_close(cd);
    return out;
}

inline std::set<char32_t> gbk() {
    return code_page("GBK", 0x81, 0xFE, 0x40, 0xFE);
}

} // namespace kiosk::test
