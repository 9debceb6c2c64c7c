#include "TestMain.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

const char* kValid = R"({
  "schema": 1, "id": "vit-x", "name": "ViT X", "modality": "image", "model": "model.pt",
  "input": {"size": [224, 196], "mean": [0.5, 0.4, 0.3], "std": [0.2, 0.3, 0.4],
            "resize": "shorter-crop", "interpolation": "bicubic"},
  "tokens": {"layout": "grid", "grid": [14, 12], "prefix": 1},
  "stages": ["embed", {"name": "llm.block", "label": "LLaMA layer 31"}]
})";

}  // namespace

class PluginManifestTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    void writeModelFile() {
        QFile f(dir_.filePath(QStringLiteral("model.pt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }

    // Parses `json` in a folder with model.pt; returns the error text ("" if it parsed).
    QString errorOf(const QByteArray& json) {
        try {
            PluginManifest::parse(json.toStdString(), dir_.path().toStdString());
        } catch (const Error& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

    static QByteArray edited(const QByteArray& from, const QByteArray& to) {
        QByteArray j(kValid);
        Q_ASSERT(j.contains(from));
        return j.replace(from, to);
    }

private Q_SLOTS:
    void initTestCase() { writeModelFile(); }

    void parsesEveryField() {
        const PluginManifest m = PluginManifest::parse(kValid, dir_.path().toStdString());
        QCOMPARE(QString::fromStdString(m.id), QStringLiteral("vit-x"));
        QCOMPARE(m.input.height, 224);
        QCOMPARE(m.input.width, 196);
        QCOMPARE(m.input.mean[2], 0.3f);
        QCOMPARE(m.input.std[1], 0.3f);
        QVERIFY(m.input.resize == ImageInputSpec::Resize::ShorterSideCrop);
        QVERIFY(m.input.interpolation == ImageInputSpec::Interpolation::Bicubic);
        QCOMPARE(m.tokens.prefix, 1);
        QCOMPARE(m.tokens.grid, (std::vector<int64_t>{14, 12}));
        QCOMPARE(m.tokens.tokenCount(), int64_t(1 + 14 * 12));
        QCOMPARE(m.stages.size(), size_t(2));
        QCOMPARE(QString::fromStdString(m.labelForStage("llm.block")), QStringLiteral("LLaMA layer 31"));
        QCOMPARE(QString::fromStdString(m.labelForStage("embed")), QStringLiteral("embed"));
        QCOMPARE(QString::fromStdString(m.modelFile), dir_.filePath(QStringLiteral("model.pt")));
    }

    void readsNamesPerLanguage() {
        const PluginManifest m = PluginManifest::parse(
            edited("\"name\": \"ViT X\"", "\"name\": {\"zh_CN\": \"视觉模型 X\", \"en\": \"ViT X\"}")
                .toStdString(),
            dir_.path().toStdString());
        QCOMPARE(QString::fromStdString(m.name), QStringLiteral("ViT X"));  // English is the default
        QCOMPARE(QString::fromStdString(m.nameIn("zh_CN")), QStringLiteral("视觉模型 X"));
        // zh_TW is not zh_CN (Traditional is not Simplified): without "zh_TW" or "zh", the default.
        QCOMPARE(QString::fromStdString(m.nameIn("zh_TW")), QStringLiteral("ViT X"));
        QCOMPARE(QString::fromStdString(m.nameIn("de_DE")), QStringLiteral("ViT X"));
        QCOMPARE(
            errorOf(edited("\"name\": \"ViT X\"", "\"name\": {\"zh_CN\": 3}")),
            dir_.filePath(QStringLiteral("plugin.json: 'name.zh_CN' must be a non-empty string, got 3")));
    }

    void rejectsBrokenManifests_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad json") << QByteArray("{\"schema\": 1,") << "invalid JSON at offset";
        QTest::newRow("not an object") << QByteArray("[1]") << "top level must be a JSON object";
        QTest::newRow("unknown schema")
            << edited("\"schema\": 1", "\"schema\": 7")
            << "'schema' must be 1 or 2 (the schemas this Filterscope reads), got 7";
        QTest::newRow("unknown modality")
            << edited("\"image\"", "\"audio\"")
            << "'modality' must be one of image, video, pointcloud; got \"audio\"";
        QTest::newRow("missing model file")
            << edited("\"model.pt\"", "\"weights.pt\"") << "'model' names \"weights.pt\", but";
        QTest::newRow("grid of 3") << edited("[14, 12]", "[14, 12, 2]")
                                   << "'tokens.grid' must be an array of 2 positive integers, got [14,12,2]";
        QTest::newRow("zero grid") << edited("[14, 12]", "[0, 12]")
                                   << "'tokens.grid' must be an array of 2 positive";
        QTest::newRow("negative prefix") << edited("\"prefix\": 1", "\"prefix\": -1")
                                         << "'tokens.prefix' must be a non-negative integer, got -1";
        QTest::newRow("unknown layout")
            << edited("\"grid\", \"grid\"", "\"ring\", \"grid\"")
            << "'tokens.layout' must be \"grid\", \"cube\", \"groups\" or \"points\", got \"ring\"";
        QTest::newRow("std zero") << edited("[0.2, 0.3, 0.4]", "[0.2, 0, 0.4]")
                                  << "'input.std' must be an array of 3 positive";
        QTest::newRow("missing id") << edited("\"id\": \"vit-x\",", "")
                                    << "'id' must be a non-empty string, got nothing";
        QTest::newRow("bad id") << edited("\"vit-x\"", "\"vit x/1\"") << "'id' may hold only letters";
        QTest::newRow("bad resize") << edited("\"shorter-crop\"", "\"fit\"")
                                    << "'input.resize' must be one of stretch, shorter-crop; got \"fit\"";
        QTest::newRow("repeated stage")
            << edited("\"embed\", {", "\"embed\", \"embed\", {") << "'stages[1]' repeats stage \"embed\"";
    }

    void rejectsBrokenManifests() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString error = errorOf(json);
        QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("got: ") + error));
        QVERIFY2(error.contains(QStringLiteral("plugin.json")), qPrintable(error));  // names the file
        QVERIFY(!error.contains(QLatin1Char('\n')));                                 // one line
    }

    void reportsEveryProblemAtOnce() {
        QByteArray j = edited("[0.2, 0.3, 0.4]", "[0.2, 0, 0.4]");
        j.replace("\"bicubic\"", "\"lanczos\"");
        j.replace("\"name\": \"ViT X\"", "\"name\": 3");
        const ManifestCheck c = PluginManifest::inspectText(j.toStdString(), dir_.path().toStdString());
        QCOMPARE(c.problems.size(), size_t(3));
        QVERIFY(QString::fromStdString(c.problems[0])
                    .endsWith(QStringLiteral("'name' must be a non-empty string, got 3")));
        QVERIFY(QString::fromStdString(c.problems[1])
                    .contains(QStringLiteral("'input.std' must be an array of 3 positive")));
        QVERIFY(QString::fromStdString(c.problems[2])
                    .contains(QStringLiteral("'input.interpolation' must be one of")));
        QVERIFY(c.probeable);  // none of them stops a probe forward: plugin check still runs the model
        const QString error = errorOf(j);  // loading names all three in one line, the file once
        QCOMPARE(error.count(QStringLiteral("plugin.json")), 1);
        QVERIFY2(error.contains(QStringLiteral("; 'input.std'")) &&
                     error.contains(QStringLiteral("; 'input.interpolation'")),
                 qPrintable(error));
        // A broken grid does stop it.
        const ManifestCheck g =
            PluginManifest::inspectText(edited("[14, 12]", "[14]").toStdString(), dir_.path().toStdString());
        QCOMPARE(g.problems.size(), size_t(1));
        QVERIFY(!g.probeable);
    }

    void llmSectionReportsEveryProblem() {
        const QByteArray j = edited("\"stages\"",
                                    "\"llm\": {\"tokens\": \"embed\", \"checkpoint\": \"nowhere\", "
                                    "\"layer\": -1, \"adapters\": \"a.safetensors\", \"rope\": \"yes\", "
                                    "\"variants\": [\"llm\", \"llm\", \"big\"]}, \"stages\"");
        const ManifestCheck c = PluginManifest::inspectText(j.toStdString(), dir_.path().toStdString());
        QStringList got;
        for (const std::string& p : c.problems)
            got << QString::fromStdString(p).section(QStringLiteral("plugin.json: "), 1);
        QCOMPARE(got.size(), 6);
        QVERIFY(got[0].startsWith(QStringLiteral("'llm.checkpoint' names \"nowhere\", but ")));
        QVERIFY(got[1].startsWith(QStringLiteral("'llm.adapters' names \"a.safetensors\", but ")));
        QCOMPARE(got[2], QStringLiteral("'llm.layer' must be a layer index (integer >= 0)"));
        QCOMPARE(got[3], QStringLiteral("'llm.rope' must be true or false"));
        QCOMPARE(got[4], QStringLiteral("'llm.variants' repeats \"llm\""));
        QCOMPARE(got[5],
                 QStringLiteral("'llm.variants' variant \"big\" is none of llm, random, identity, baseline"));
        QVERIFY(!c.probeable);
    }

    // Variants trained on their own bring their files (demo-shapes); forVariant swaps them in, and a file
    // that cannot belong to a variant is named.
    void variantsBringTheirOwnFiles() {
        QDir d(dir_.path());
        QVERIFY(d.mkpath(QStringLiteral("layer")) && d.mkpath(QStringLiteral("rnd")));
        for (const char* name : {"a.safetensors", "b.pt", "b.safetensors", "t.pt"}) {
            QFile f(d.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const QByteArray llm =
            "\"llm\": {\"tokens\": \"embed\", \"checkpoint\": \"layer\", \"layer\": 0, "
            "\"adapters\": \"a.safetensors\", \"variants\": [\"llm\", \"random\", \"baseline\"], "
            "\"weights\": {WEIGHTS}}, \"stages\"";
        auto manifest = [&](const QByteArray& weights) {
            return edited("\"stages\"", QByteArray(llm).replace("WEIGHTS", weights));
        };
        const PluginManifest m =
            PluginManifest::parse(manifest("\"random\": {\"model\": \"b.pt\", \"adapters\": "
                                           "\"b.safetensors\", \"checkpoint\": \"rnd\"}, "
                                           "\"baseline\": {\"model\": \"b.pt\", \"tail\": \"t.pt\"}")
                                      .toStdString(),
                                  dir_.path().toStdString());
        const PluginManifest random = m.forVariant(LlmComposition::Variant::Random);
        QCOMPARE(QString::fromStdString(random.modelFile), d.filePath(QStringLiteral("b.pt")));
        QCOMPARE(QString::fromStdString(random.llm.adapters), d.filePath(QStringLiteral("b.safetensors")));
        QCOMPARE(QString::fromStdString(random.llm.checkpoint), d.filePath(QStringLiteral("rnd")));
        QVERIFY(random.llm.storedRandomLayer);
        const PluginManifest plain = m.forVariant(LlmComposition::Variant::Llm);
        QCOMPARE(QString::fromStdString(plain.modelFile), d.filePath(QStringLiteral("model.pt")));
        QCOMPARE(QString::fromStdString(plain.llm.checkpoint), d.filePath(QStringLiteral("layer")));
        QVERIFY(!plain.llm.storedRandomLayer);
        QCOMPARE(QString::fromStdString(m.forVariant(LlmComposition::Variant::Baseline).llm.tail),
                 d.filePath(QStringLiteral("t.pt")));

        const ManifestCheck c = PluginManifest::inspectText(
            manifest("\"identity\": {}, \"baseline\": {\"adapters\": \"a.safetensors\", \"head\": \"t.pt\"}, "
                     "\"random\": {\"model\": \"gone.pt\"}")
                .toStdString(),
            dir_.path().toStdString());
        QStringList got;
        for (const std::string& p : c.problems)
            got << QString::fromStdString(p).section(QStringLiteral("plugin.json: "), 1);
        QCOMPARE(got.size(), 4);
        QCOMPARE(got[0], QStringLiteral("'llm.weights.baseline.adapters' \"baseline\" runs no adapters"));
        QCOMPARE(got[1],
                 QStringLiteral("'llm.weights.baseline.head' is not a file a variant can bring (model, "
                                "adapters, tail, checkpoint)"));
        QCOMPARE(got[2],
                 QStringLiteral("'llm.weights.identity' names no variant this plugin offers (llm.variants)"));
        QVERIFY(got[3].startsWith(QStringLiteral("'llm.weights.random.model' names \"gone.pt\", but ")));
    }

    void unknownFieldsAreWarnings() {
        QByteArray j =
            edited("\"interpolation\": \"bicubic\"", "\"interpolation\": \"bicubic\", \"crop_pc\": 0.9");
        j.replace("\"schema\": 1,", "\"schema\": 1, \"licence\": \"MIT\",");
        const ManifestCheck c = PluginManifest::inspectText(j.toStdString(), dir_.path().toStdString());
        QVERIFY(c.problems.empty());
        QCOMPARE(c.warnings.size(), size_t(2));
        QVERIFY(QString::fromStdString(c.warnings[0])
                    .endsWith(QStringLiteral("'licence' is not a field of schema 1 and is ignored (a typo, "
                                             "or a field of a newer schema?)")));
        QVERIFY(QString::fromStdString(c.warnings[1])
                    .endsWith(QStringLiteral("'input.crop_pc' is not a field of schema 1 and is ignored; did "
                                             "you mean 'input.crop_pct'?")));
        QCOMPARE(PluginManifest::parse(j.toStdString(), dir_.path().toStdString()).warnings, c.warnings);
        QCOMPARE(c.manifest.input.cropPct, 0.0);  // ignored, not half-applied
    }

    void paperPreprocessingFields() {
        const PluginManifest m = PluginManifest::parse(
            edited("\"interpolation\": \"bicubic\"",
                   "\"interpolation\": \"bicubic\", \"crop_pct\": 0.875, \"resample\": \"pil\"")
                .toStdString(),
            dir_.path().toStdString());
        QCOMPARE(m.input.cropPct, 0.875);
        QVERIFY(m.input.resampler == ImageInputSpec::Resampler::Pil);
        QVERIFY(m.input.torchvisionGeometry());
        QVERIFY(errorOf(edited("\"resize\"", "\"crop_pct\": 1.5, \"resize\""))
                    .contains(QStringLiteral("'input.crop_pct' must be a number in (0, 1]")));
        QVERIFY(
            errorOf(edited("\"bicubic\"", "\"area\", \"resample\": \"pil\""))
                .contains(QStringLiteral(
                    "'input.interpolation' must be \"bilinear\" or \"bicubic\" with \"resample\": \"pil\"")));
    }

    void missingFolderAndFile() {
        try {
            PluginManifest::load("/nonexistent/plugin-dir");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("/nonexistent/plugin-dir: plugin folder does not exist"));
        }
        QTemporaryDir empty;
        try {
            PluginManifest::load(empty.path().toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     empty.filePath(QStringLiteral("plugin.json")) +
                         QStringLiteral(": missing (every plugin folder needs one)"));
        }
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(PluginManifestTest)
#include "PluginManifestTest.moc"
