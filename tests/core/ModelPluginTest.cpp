#include "TestMain.h"
#include "TestPaths.h"
#include "common/Error.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "plugin/ModelPlugin.h"

#include <QtTest>

using namespace filterscope;

namespace {

QString loadError(const QString& dir) {
    try {
        ModelPlugin::load(dir.toStdString(), DevicePreference::Cpu);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QStringList toQt(const std::vector<std::string>& v) {
    QStringList out;
    for (const auto& s : v)
        out << QString::fromStdString(s);
    return out;
}

}  // namespace

class ModelPluginTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoPluginLoadsWithStagesInModelOrder() {
        const auto plugin = ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cpu);
        QCOMPARE(QString::fromStdString(plugin->id()), QStringLiteral("demo-vit-llama"));
        const QStringList expected = {"embed",          "block1",    "block2",          "block3", "block4",
                                      "llm.adapter_in", "llm.block", "llm.adapter_out", "norm"};
        QCOMPARE(toQt(plugin->stages()), expected);
        QCOMPARE(toQt(plugin->gridStages()), expected);
        const QStringList keys = toQt(plugin->captureKeys());
        QVERIFY(keys.contains(QStringLiteral("attn.llm.block")));
        QVERIFY(keys.contains(QStringLiteral("logits")));
        QCOMPARE(QString::fromStdString(plugin->deviceName()), QStringLiteral("cpu"));
    }

    void demoCapturesHaveContractShapes() {
        const auto plugin = ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cpu);
        const PreparedImage input =
            prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input);
        QCOMPARE(input.tensor.shape, (std::vector<int64_t>{1, 3, 224, 224}));
        const CaptureSet c = plugin->run(input.tensor, "astronaut.png");
        QCOMPARE(c.get("tokens.embed").shape, (std::vector<int64_t>{1, 197, 192}));
        QCOMPARE(c.get("tokens.llm.block").shape, (std::vector<int64_t>{1, 197, 256}));
        QCOMPARE(c.get("attn.block2").shape, (std::vector<int64_t>{1, 3, 197, 197}));
        QCOMPARE(c.get("attn.llm.block").shape, (std::vector<int64_t>{1, 4, 197, 197}));
        QCOMPARE(c.get("logits").shape, (std::vector<int64_t>{1, 10}));
        // Attention rows are probabilities.
        const FloatArray& a = c.get("attn.block1");
        double rowSum = 0;
        for (int j = 0; j < 197; ++j)
            rowSum += a.data[j];
        QVERIFY(std::abs(rowSum - 1.0) < 1e-5);
    }

    void brokenPluginsAreRefusedWithOneClearLine_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no tokens") << "no-tokens"
                                   << "plugin 'no-tokens' (%1): the model returned no tokens.<stage> capture "
                                      "(keys returned: features)";
        QTest::newRow("wrong grid")
            << "wrong-grid"
            << "plugin 'wrong-grid' (%1): capture 'tokens.embed' has 197 tokens, expected N = prefix 1 + "
               "grid 7x7 = 50 (got [1,197,192]); capture 'attn.block1' attends over 197 tokens, expected "
               "N = prefix 1 + grid 7x7 = 50 (got [1,3,197,197]); and 12 more problems";
        QTest::newRow("bad attention")
            << "bad-attn"
            << "plugin 'bad-attn' (%1): capture 'attn.cells' attends over 4 tokens, expected N = "
               "prefix 1 + grid 2x2 = 5 (got [1,2,4,4])";
        QTest::newRow("not a dict")
            << "not-a-dict"
            << "plugin 'not-a-dict': probe run failed: %1/model.pt: forward() must return "
               "Dict[str, Tensor] of captures, but returned Tensor";
    }
    void brokenPluginsAreRefusedWithOneClearLine() {
        QFETCH(QString, fixture);
        QFETCH(QString, expected);
        const QString dir = testpaths::fixtures() + QLatin1Char('/') + fixture;
        QCOMPARE(loadError(dir), expected.arg(dir));
    }

    void nanActivationsAreNamed() {
        const auto plugin = ModelPlugin::load(
            (testpaths::fixtures() + QStringLiteral("/nan-tokens")).toStdString(), DevicePreference::Cpu);
        try {
            plugin->run(FloatArray({1, 3, 32, 32}, 1.0f), "photo.jpg");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral(
                         "photo.jpg: plugin 'nan-tokens' produced NaN or Inf activations in tokens.cells"));
        }
    }

    void cudaRequestWithoutCudaIsAnError() {
        if (cudaAvailable())
            QSKIP("this machine has CUDA");
        const QString error = [] {
            try {
                ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cuda);
            } catch (const Error& e) {
                return QString::fromUtf8(e.what());
            }
            return QString();
        }();
        QVERIFY2(error.endsWith(QStringLiteral(
                     "model.pt: CUDA was requested, but this LibTorch build has no usable CUDA device")),
                 qPrintable(error));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(ModelPluginTest)
#include "ModelPluginTest.moc"
