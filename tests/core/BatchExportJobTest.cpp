#include "TestMain.h"
#include "TestPaths.h"
#include "array/NpyFile.h"
#include "batch/BatchExportJob.h"
#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

class CancelAfter final : public ProgressSink {
public:
    explicit CancelAfter(int n) : n_(n) {}
    void report(int done, int, const std::string&) override { done_ = done; }
    bool isCancelRequested() const override { return done_ >= n_; }
    void itemFailed(const std::string& m) override { failures.push_back(QString::fromStdString(m)); }
    QStringList failures;

private:
    int n_;
    int done_ = 0;
};

}  // namespace

class BatchExportJobTest : public QObject {
    Q_OBJECT
    QTemporaryDir inputs_;
    std::shared_ptr<ModelPlugin> plugin_;

private Q_SLOTS:
    void initTestCase() {
        plugin_ = ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cpu);
        QVERIFY(QFile::copy(testpaths::demoImage(), inputs_.filePath(QStringLiteral("a_good.png"))));
        QFile bad(inputs_.filePath(QStringLiteral("b_corrupt.png")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("\x89PNG\r\n\x1a\n not really");
        bad.close();
        QVERIFY(QFile::copy(testpaths::demoImage(), inputs_.filePath(QStringLiteral("c_good.png"))));
    }

    void failedInputsAreSkippedAndTheRestComplete() {
        QTemporaryDir out;
        BatchExportOptions o;
        o.inputs = collectImageInputs({inputs_.path().toStdString(), "/no/such/photo.jpg"});
        QCOMPARE(o.inputs.size(), size_t(4));
        o.outputDirectory = out.path().toStdString();
        o.request.stages = {"block4", "llm.block"};
        BatchExportJob job(plugin_, o, nullptr);
        CancelAfter never(1000);
        const BatchReport r = job.run(never);
        QCOMPARE(r.items.size(), size_t(4));
        QCOMPARE(r.failedCount(), 2);
        QVERIFY(r.items[0].ok && r.items[2].ok);
        QCOMPARE(QString::fromStdString(r.items[1].error),
                 inputs_.filePath(QStringLiteral("b_corrupt.png")) +
                     QStringLiteral(": damaged PNG (libpng: [20]rea: invalid chunk type)"));
        QCOMPARE(QString::fromStdString(r.items[3].error),
                 QStringLiteral("/no/such/photo.jpg: file not found"));
        QCOMPARE(never.failures.size(), 2);

        const QDir o2(out.path());
        QCOMPARE(o2.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 (QStringList{"a_good", "attention_heads.csv", "c_good",
                              "metrics.csv"}));  // nothing partial, nothing for failures
        for (const char* f : {"norm.npy", "activation.npy", "freq.npy", "spectrum.npy", "prefix_norm.npy",
                              "spectrum_radial.npy"}) {
            const FloatArray a =
                readNpy(out.filePath(QStringLiteral("c_good/llm.block/") + QLatin1String(f)).toStdString());
            QVERIFY(!a.data.empty());
        }
        QCOMPARE(readNpy(out.filePath(QStringLiteral("a_good/block4/norm.npy")).toStdString()).shape,
                 (std::vector<int64_t>{14, 14}));
        QFile csv(out.filePath(QStringLiteral("metrics.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 2 * 2);
        QVERIFY(lines[1].contains(QStringLiteral(",block4,ViT block 4,")));
        QVERIFY(lines[2].contains(QStringLiteral(",llm.block,Frozen LLaMA block,")));
        QFile heads(out.filePath(QStringLiteral("attention_heads.csv")));
        QVERIFY(heads.open(QIODevice::ReadOnly));
        const QStringList headRows =
            QString::fromUtf8(heads.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(headRows.size(), 1 + 2 * (3 + 4));  // block4 has 3 heads, the LLaMA block 4, for 2 inputs
        QCOMPARE(headRows[0], QStringLiteral("input,stage,head,entropy,mean_distance,sink_share"));
        // The rollout (block1 → llm.block) is filed under the last attention stage.
        QCOMPARE(readNpy(out.filePath(QStringLiteral("a_good/llm.block/rollout.npy")).toStdString()).shape,
                 (std::vector<int64_t>{14, 14}));
    }

    void cancelStopsBetweenInputsAndKeepsFinishedWork() {
        QTemporaryDir out;
        BatchExportOptions o;
        o.inputs = collectImageInputs({inputs_.filePath(QStringLiteral("a_good.png")).toStdString(),
                                       inputs_.filePath(QStringLiteral("c_good.png")).toStdString()});
        o.outputDirectory = out.path().toStdString();
        o.request.stages = {"norm"};
        o.request.analyses = AnalysisSelection::parse("norm");
        BatchExportJob job(plugin_, o, nullptr);
        CancelAfter afterOne(1);
        const BatchReport r = job.run(afterOne);
        QVERIFY(r.cancelled);
        QCOMPARE(r.items.size(), size_t(1));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("a_good/norm/norm.npy"))));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("a_good/norm/activation.npy"))));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("c_good"))));
    }

    void unknownStageIsRefusedBeforeAnyWork() {
        BatchExportOptions o;
        o.request.stages = {"block9"};
        try {
            BatchExportJob(plugin_, o, nullptr);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral("plugin 'demo-vit-llama' has no stage \"block9\" with token or attention "
                               "captures (stages: "
                               "embed, block1, "
                               "block2, block3, block4, llm.adapter_in, llm.block, llm.adapter_out, norm)"));
        }
    }

    void sameStemGetsDistinctOutputNames() {
        const auto inputs = collectImageInputs({"x/a.png", "y/a.png", "x/a.jpg", "y/a.jpg"});
        QCOMPARE(QString::fromStdString(inputs[0].outputName), QStringLiteral("a"));
        QCOMPARE(QString::fromStdString(inputs[1].outputName), QStringLiteral("a_png"));
        QCOMPARE(QString::fromStdString(inputs[2].outputName), QStringLiteral("a_jpg"));
        QCOMPARE(QString::fromStdString(inputs[3].outputName), QStringLiteral("a_jpg_2"));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(BatchExportJobTest)
#include "BatchExportJobTest.moc"
