// kiosk-pack's publishing and reports: versions on a channel, one publication at a time, CSV as
// the play log writes it.
#include "source_folder.hpp"

#include "csv.hpp"
#include "publish.hpp"
#include "report.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/csv_writer.hpp"
#include "kiosk/sync/signature.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <future>

using namespace kiosk;
using namespace kiosk::pack;
using kiosk::pack::test::SourceFolder;
namespace fs = std::filesystem;

class Publishing : public SourceFolder {
protected:
    void SetUp() override {
        SourceFolder::SetUp();
        m_web = m_dir.string() + "-web";
        m_key = m_dir.string() + "-key";
        fs::remove_all(m_web);
        auto pub = keygen(m_key);
        ASSERT_TRUE(pub) << pub.error().message;
        auto pem = content::read_file(m_key, 16384);
        ASSERT_TRUE(pem);
        m_pem = *pem;
    }
    void TearDown() override {
        SourceFolder::TearDown();
        fs::remove_all(m_web);
        fs::remove(m_key);
        fs::remove(m_key.string() + ".pub");
    }
    // Builds the folder as it is now into a bundle.
    fs::path build() {
        Problems p;
        auto packed = pack(p);
        EXPECT_TRUE(packed) << p.report();
        fs::path out = m_dir.string() + "-out";
        EXPECT_TRUE(write_bundle(*packed, out));
        return out;
    }
    PublishOptions options(bool bump) {
        PublishOptions o;
        o.channel = "hall-a";
        o.private_pem = m_pem;
        o.bump = bump;
        return o;
    }
    std::int64_t channel_version() {
        auto text = content::read_file(m_web / "channels/hall-a/manifest.json", 1u << 20);
        std::vector<content::Warning> w;
        auto m = text ? content::parse_manifest(*text, w) : fail("no manifest");
        return m ? m->bundle_version : -1;
    }
    fs::path m_web, m_key;
    std::string m_pem;
};

TEST_F(Publishing, BumpTakesTheChannelsNextVersion) {
    auto bundle = build(); // Version 2.
    auto first = publish(bundle, m_web, options(false));
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->version, 2);

    // Changed content, the same version in settings.ini: refused without --bump, 3 with it.
    write("timetable.csv", "日期,开始,结束,活动\n2020-11-08,09:00,11:00,启动仪式\n");
    bundle = build();
    auto refused = publish(bundle, m_web, options(false));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("or publish with --bump"), std::string::npos);
    auto bumped = publish(bundle, m_web, options(true));
    ASSERT_TRUE(bumped) << bumped.error().message;
    EXPECT_TRUE(bumped->changed);
    EXPECT_EQ(bumped->version, 3);
    EXPECT_EQ(channel_version(), 3);
    // The published manifest is signed as it is, with its new version.
    auto text = content::read_file(m_web / "channels/hall-a/manifest.json", 1u << 20);
    auto sig = content::read_file(m_web / "channels/hall-a/manifest.json.sig", 1024);
    auto pub = content::read_file(m_key.string() + ".pub", 1024);
    ASSERT_TRUE(text && sig && pub);
    auto key = sync::parse_public_key(pub->substr(0, pub->find('\n')));
    ASSERT_TRUE(key);
    EXPECT_TRUE(sync::verify(*text, *sig, {*key}));

    // The same content again: nothing changes, the version stays.
    auto again = publish(bundle, m_web, options(true));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_FALSE(again->changed);
    EXPECT_EQ(again->version, 3);
    EXPECT_EQ(channel_version(), 3);
}

TEST_F(Publishing, ASecondPublicationOnTheChannelWaitsForTheFirst) {
    auto bundle = build();
    fs::create_directories(m_web / "channels/hall-a");
    // Another publication holds the channel's lock.
    int fd = ::open((m_web / "channels/hall-a/.lock").c_str(), O_RDWR | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    std::promise<void> waiting;
    auto o = options(false);
    o.on_wait = [&] { waiting.set_value(); };
    auto run = std::async(std::launch::async, [&] { return publish(bundle, m_web, o); });
    waiting.get_future().wait(); // It has found the lock taken and waits.
    EXPECT_FALSE(fs::exists(m_web / "channels/hall-a/manifest.json"));
    ::close(fd); // The other publication ends.
    auto done = run.get();
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_TRUE(done->changed);
    EXPECT_EQ(channel_version(), 2);
}

TEST(CsvWriter, QuotesWhatMustBeQuotedAndReadsBack) {
    EXPECT_EQ(csv_field("launch"), "launch");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_line({"slide", "two\nlines", ""}), "slide,\"two\nlines\",\n");
    Problems p;
    auto rows = parse_csv(csv_line({"x,1", "\"q\"", "z"}), "t.csv", p);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"x,1", "\"q\"", "z"}));
}

TEST(Report, ASlideIdWithACommaOrQuoteKeepsItsRow) {
    fs::path dir = fs::temp_directory_path() / ("kiosk-report-quote-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // As the play log writes it: one CSV writer for both.
    std::ofstream(dir / "play-2020-11-08.csv")
        << "type,start,end,display,slide,bundle\n"
        << csv_line({"slide", "2020-11-08T09:00:00+08:00", "2020-11-08T09:01:00+08:00",
                     "hall \"A\"", "intro, part 1", "1"});
    Problems p;
    auto csv = summarise_play_logs(dir, {}, p);
    fs::remove_all(dir);
    ASSERT_TRUE(csv) << p.report();
    auto rows = parse_csv(*csv, "report.csv", p);
    ASSERT_EQ(rows.size(), 3u) << *csv;
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"2020-11-08", "hall \"A\"", "intro, part 1",
                                                        "1", "1.0", "0"}));
    EXPECT_EQ(rows[2].fields[2], "TOTAL");
}
