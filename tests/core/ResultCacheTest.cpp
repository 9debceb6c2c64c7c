// The window's result cache: keys by plugin identity, least-recently-used eviction by bytes, the budget,
// pins, and a closed plugin's results dropped; then Workbench opening 60 inputs under a small budget.
#include "TestMain.h"
#include "TestPaths.h"
#include "plugin/ModelPlugin.h"
#include "session/ResultCache.h"
#include "session/Workbench.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

// A result holding exactly `bytes` bytes (its model-input pixels).
std::shared_ptr<const InputResult> resultOf(size_t bytes) {
    auto r = std::make_shared<InputResult>();
    r->modelInput.pixels.resize(bytes);
    return r;
}

ResultCache::Key key(const char* plugin, const char* input) {
    return {plugin, input};
}

std::vector<std::string> inputsOf(const ResultCache& c) {
    std::vector<std::string> out;
    for (const auto& k : c.keysOldestFirst())
        out.push_back(k.input);
    return out;
}

bool copyFolder(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QString& f : QDir(from).entryList(QDir::Files))
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return false;
    return true;
}

}  // namespace

class ResultCacheTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evictsLeastRecentlyUsedByBytes() {
        ResultCache c(1000);
        c.insert(key("p", "a"), resultOf(300));
        c.insert(key("p", "b"), resultOf(300));
        c.insert(key("p", "c"), resultOf(300));
        QCOMPARE(c.bytes(), size_t(900));
        QVERIFY(c.find(key("p", "a")));  // a is now the most recently used
        c.insert(key("p", "d"), resultOf(300));
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"c", "a", "d"}));  // b, the oldest unused, went
        QCOMPARE(c.bytes(), size_t(900));
        c.setBudget(650);
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"a", "d"}));
        QVERIFY(c.bytes() <= c.budget());
    }

    void newestAndPinnedResultsStay() {
        ResultCache c(500);
        c.insert(key("p", "a"), resultOf(300));
        c.pin({key("p", "a")});
        c.insert(key("p", "b"), resultOf(300));  // over budget, but a is pinned and b is the newest
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"a", "b"}));
        c.pin({});
        c.insert(key("p", "c"), resultOf(2000));  // alone over the budget: kept, everything else goes
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"c"}));
        c.insert(key("p", "c"), resultOf(100));  // replacing an entry counts its bytes once
        QCOMPARE(c.bytes(), size_t(100));
    }

    // Memory a running dataset probe holds outside the cache: results make room for it, oldest first, and
    // come back under the whole budget once it is let go.
    void reservedBytesMakeRoomWithinTheBudget() {
        ResultCache c(1000);
        for (const char* input : {"a", "b", "c"})
            c.insert(key("p", input), resultOf(300));
        c.setReserved(450);
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"c"}));  // 300 + 450 <= 1000; a then b went
        QCOMPARE(c.reserved(), size_t(450));
        c.setReserved(0);
        c.insert(key("p", "d"), resultOf(300));
        c.insert(key("p", "e"), resultOf(300));
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"c", "d", "e"}));
        c.pin({key("p", "c")});
        c.setReserved(2000);  // more than the budget: only the pinned and the newest stay
        QCOMPARE(inputsOf(c), (std::vector<std::string>{"c", "e"}));
    }

    void closedPluginsResultsAreDropped() {
        ResultCache c(1 << 20);
        c.insert(key("p", "a"), resultOf(10));
        c.insert(key("q", "a"), resultOf(20));
        c.insert(key("p", "b"), resultOf(30));
        c.dropPlugin("p");
        QCOMPARE(c.size(), size_t(1));
        QCOMPARE(c.bytes(), size_t(20));
        QVERIFY(c.contains(key("q", "a")));
    }

    void identityFollowsFolderContentAndVariant() {
        const std::string demo = testpaths::demoPlugin().toStdString();
        auto first = ModelPlugin::load(demo, DevicePreference::Cpu);
        const std::string identity = first->identity();
        const std::string hash = first->modelHash();
        QCOMPARE(hash.size(), size_t(64));
        first.reset();
        const auto again = ModelPlugin::load(demo, DevicePreference::Cpu);  // closed, reopened: same key
        QCOMPARE(again->identity(), identity);

        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy"));
        QVERIFY(copyFolder(testpaths::demoPlugin(), copy));
        const auto copied = ModelPlugin::load(copy.toStdString(), DevicePreference::Cpu);
        QCOMPARE(copied->modelHash(), hash);      // same model bytes
        QVERIFY(copied->identity() != identity);  // another folder
        // A rebuilt model in the same folder: tiny-grid's manifest, then nan-tokens' model (same captures).
        const QString tiny = dir.filePath(QStringLiteral("tiny"));
        QVERIFY(copyFolder(testpaths::fixtures() + QStringLiteral("/tiny-grid"), tiny));
        const auto before = ModelPlugin::load(tiny.toStdString(), DevicePreference::Cpu);
        QVERIFY(QFile::remove(tiny + QStringLiteral("/model.pt")));
        QVERIFY(QFile::copy(testpaths::fixtures() + QStringLiteral("/nan-tokens/model.pt"),
                            tiny + QStringLiteral("/model.pt")));
        const auto rebuilt = ModelPlugin::load(tiny.toStdString(), DevicePreference::Cpu);
        QCOMPARE(rebuilt->id(), before->id());
        QVERIFY(rebuilt->identity() != before->identity());

        const std::string ablations =
            (testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-ablations")).toStdString();
        const auto llm = ModelPlugin::load(ablations, DevicePreference::Cpu, "llm");
        const auto random = ModelPlugin::load(ablations, DevicePreference::Cpu, "random");
        QVERIFY(llm->identity() != random->identity());
        QCOMPARE(ModelPlugin::load(ablations, DevicePreference::Cpu, "random")->identity(),
                 random->identity());
    }

    // The window's document opening 60 inputs one after another keeps its cache under the budget, and a
    // plugin replaced by another leaves none of its results behind.
    void sixtyInputsStayUnderTheBudget() {
        QTemporaryDir dir;
        QStringList inputs;
        for (int i = 0; i < 60; ++i) {
            inputs << dir.filePath(QStringLiteral("image%1.png").arg(i, 2, 10, QLatin1Char('0')));
            QVERIFY(QFile::copy(testpaths::demoImage(), inputs.back()));
        }
        Workbench session;
        session.scheduler().loadPlugin(testpaths::fixtures() + QStringLiteral("/tiny-grid"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(session.document().plugin(0) != nullptr, 30000);
        session.scheduler().openInput(inputs[0]);
        QTRY_COMPARE_WITH_TIMEOUT(session.document().currentInput(), inputs[0], 30000);
        const size_t one = session.document().cachedBytes();
        QVERIFY(one > 0);
        session.document().setCacheBudget(one * 7 / 2);  // room for three results and a half
        size_t peak = 0;
        for (const QString& input : inputs) {
            session.scheduler().openInput(input);
            QTRY_COMPARE_WITH_TIMEOUT(session.document().currentInput(), input, 30000);
            QVERIFY(session.document().result(0) != nullptr);
            peak = std::max(peak, session.document().cachedBytes());
            QVERIFY2(session.document().cachedBytes() <= session.document().cacheBudget(), qPrintable(input));
        }
        QCOMPARE(session.document().cachedResultCount(), 3);
        QCOMPARE(peak, 3 * one);
        // Going back to a recent input is a cache hit (no run); an old one runs again.
        session.scheduler().openInput(inputs[58]);
        QCOMPARE(session.document().currentInput(), inputs[58]);
        QVERIFY(!session.scheduler().isBusy());
        session.scheduler().loadPlugin(testpaths::fixtures() + QStringLiteral("/frozen-qformer"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(session.document().plugin(0)->id()),
                                  QStringLiteral("frozen-qformer"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(session.document().result(0) != nullptr, 30000);
        QCOMPARE(session.document().cachedResultCount(), 1);  // tiny-grid's results went with it
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(ResultCacheTest)
#include "ResultCacheTest.moc"
