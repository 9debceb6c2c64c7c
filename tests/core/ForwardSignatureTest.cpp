// Schema 2's "forward" (plugins/README.md, "Schema 2"): what it reads, every problem it names, that schema-1
// manifests keep their call, and that the host refuses what it cannot feed yet (a text input) while a
// schema-2 plugin declaring edits still runs through the schema-1 call.
#include "TestMain.h"
#include "TestPaths.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"
#include "plugin/ModelPlugin.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

// A schema-2 manifest with `forward` (JSON text) and stages embed, block1, llm.block.
QByteArray manifest(const QByteArray& forward, int schema = 2) {
    QByteArray j = R"({
  "schema": SCHEMA, "id": "vit-x", "name": "ViT X", "modality": "image", "model": "model.pt",
  "input": {"size": [224, 224], "mean": [0.5, 0.5, 0.5], "std": [0.2, 0.2, 0.2]},
  "tokens": {"layout": "grid", "grid": [14, 14], "prefix": 1},
  "stages": ["embed", "block1", "llm.block"]FORWARD
})";
    j.replace("SCHEMA", QByteArray::number(schema));
    return j.replace("FORWARD", forward.isEmpty() ? QByteArray() : ",\n  \"forward\": " + forward);
}

}  // namespace

class ForwardSignatureTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    ManifestCheck check(const QByteArray& json) {
        return PluginManifest::inspectText(json.toStdString(), dir_.path().toStdString());
    }

private Q_SLOTS:
    void initTestCase() {
        for (const char* name : {"model.pt", "tokenizer.model"}) {
            QFile f(dir_.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("x") == 1);
        }
    }

    void schemaOneKeepsItsCall() {
        for (const QByteArray& json : {manifest({}, 1), manifest({}, 2)}) {
            const PluginManifest m = PluginManifest::parse(json.toStdString(), dir_.path().toStdString());
            QCOMPARE(m.forward.inputs.size(), size_t(1));
            QCOMPARE(QString::fromStdString(m.forward.inputs[0].name), QStringLiteral("pixels"));
            QVERIFY(m.forward.inputs[0].kind == ForwardSignature::InputKind::Image);
            QCOMPARE(m.forward.maxBatch, 1);
            QVERIFY(!m.forward.takesEdits() && !m.forward.canEdit("block1"));
            QCOMPARE(QString::fromStdString(m.forward.describe()),
                     QStringLiteral("forward(pixels: image); batch 1; no edits"));
        }
    }

    void readsEveryField() {
        const PluginManifest m = PluginManifest::parse(
            manifest(
                R"({"inputs": ["image", {"name": "prompt", "kind": "text", "tokenizer": "tokenizer.model",
                         "max_length": 77}], "batch": 8,
                         "edits": {"stages": ["block1", "llm.block"], "ops": ["zero", "drop"]}})")
                .toStdString(),
            dir_.path().toStdString());
        QCOMPARE(m.schema, 2);
        QCOMPARE(m.forward.inputs.size(), size_t(2));
        QVERIFY(m.forward.inputs[1].kind == ForwardSignature::InputKind::Text);
        QCOMPARE(QString::fromStdString(m.forward.inputs[1].tokenizer),
                 dir_.filePath(QStringLiteral("tokenizer.model")));
        QCOMPARE(m.forward.inputs[1].maxLength, 77);
        QCOMPARE(m.forward.maxBatch, 8);
        QVERIFY(m.forward.canEdit("llm.block") && !m.forward.canEdit("embed"));
        QVERIFY(m.forward.supports(ForwardSignature::EditOp::Drop) &&
                !m.forward.supports(ForwardSignature::EditOp::Mean));
        QCOMPARE(
            QString::fromStdString(m.forward.describe()),
            QStringLiteral("forward(image: image, prompt: text of up to 77 ids, edits); batch up to 8; edits "
                           "zero, drop at block1, llm.block"));
        QVERIFY(m.warnings.empty());
    }

    void editsAtEveryStage() {
        const PluginManifest m = PluginManifest::parse(
            manifest(R"({"edits": {"stages": "all"}})").toStdString(), dir_.path().toStdString());
        QVERIFY(m.forward.editsAll && m.forward.canEdit("block1") && m.forward.canEdit("llm.block"));
        QCOMPARE(m.forward.editOps.size(), size_t(3));  // ops not given: zero, mean and drop
        QCOMPARE(
            QString::fromStdString(m.forward.describe()),
            QStringLiteral("forward(pixels: image, edits); batch 1; edits zero, mean, drop at every stage"));
    }

    void namesEveryProblem_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        QTest::newRow("forward in schema 1")
            << manifest(R"({"batch": 2})", 1)
            << "'forward' is a field of schema 2: the manifest says \"schema\": 1";
        QTest::newRow("not an object")
            << manifest("[1]") << "'forward' must be an object (inputs, batch, edits), got [1]";
        QTest::newRow("batch 0") << manifest(R"({"batch": 0})")
                                 << "'forward.batch' must be a positive integer up to 4096, got 0";
        QTest::newRow("undeclared stage")
            << manifest(R"({"edits": {"stages": ["block9"]}})")
            << "'forward.edits.stages' names \"block9\", which \"stages\" does not declare";
        QTest::newRow("stage twice") << manifest(R"({"edits": {"stages": ["embed", "embed"]}})")
                                     << "'forward.edits.stages' names \"embed\" twice";
        QTest::newRow("no stages")
            << manifest(R"({"edits": {"ops": ["zero"]}})")
            << "'forward.edits.stages' must be \"all\" or a non-empty list of stage names, got "
               "nothing";
        QTest::newRow("unknown op") << manifest(R"({"edits": {"stages": "all", "ops": ["scale"]}})")
                                    << "'forward.edits.ops' must hold zero, mean or drop; got \"scale\"";
        QTest::newRow("text first")
            << manifest(R"({"inputs": [{"name": "p", "kind": "text", "tokenizer":
                                        "tokenizer.model", "max_length": 8}]})")
            << "'forward.inputs[0].kind' must be the plugin's modality (image) for the first "
               "input, got text";
        QTest::newRow("two images")
            << manifest(R"({"inputs": ["a", {"name": "b", "kind": "image"}]})")
            << "'forward.inputs[1].kind' must be text: only the first input is the image, got "
               "image";
        QTest::newRow("same name") << manifest(R"({"inputs": ["a", {"name": "a", "kind": "text", "tokenizer":
                                       "tokenizer.model", "max_length": 8}]})")
                                   << "'forward.inputs[1].name' repeats the input name \"a\"";
        QTest::newRow("no tokenizer file")
            << manifest(
                   R"({"inputs": ["a", {"name": "p", "kind": "text", "tokenizer": "nope.model", "max_length": 8}]})")
            << "'forward.inputs[1].tokenizer' names \"nope.model\", but " +
                   dir_.filePath(QStringLiteral("nope.model")) + " does not exist";
        QTest::newRow("no length")
            << manifest(R"({"inputs": ["a", {"name": "p", "kind": "text", "tokenizer":
                                       "tokenizer.model"}]})")
            << "'forward.inputs[1].max_length' must be a positive integer up to 1048576, got "
               "nothing";
    }
    void namesEveryProblem() {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        const ManifestCheck c = check(json);
        QStringList problems;  // each names the file first
        for (const std::string& p : c.problems)
            problems << QString::fromStdString(p);
        const QString whole = dir_.filePath(QStringLiteral("plugin.json: ")) + problem;
        QVERIFY2(problems.contains(whole), qPrintable(problems.join(QStringLiteral("\n"))));
    }

    void unknownFieldsNameTheSchema() {
        const ManifestCheck c = check(manifest(R"({"btach": 4})"));
        QVERIFY(c.problems.empty());
        QCOMPARE(c.warnings.size(), size_t(1));
        QVERIFY2(
            QString::fromStdString(c.warnings[0])
                .endsWith(QStringLiteral("'forward.btach' is not a field of schema 2 and is ignored; did you "
                                         "mean 'forward.batch'?")),
            c.warnings[0].c_str());
    }

    // The demo's TorchScript under a schema-2 manifest: declaring edits keeps forward(x) working (edits are
    // the call's optional last argument), a text input is refused by name.
    void theHostFeedsWhatItCan() {
        QTemporaryDir plugin;
        QVERIFY(QFile::copy(testpaths::demoPlugin() + QStringLiteral("/model.pt"),
                            plugin.filePath(QStringLiteral("model.pt"))));
        QFile in(testpaths::demoPlugin() + QStringLiteral("/plugin.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject m = QJsonDocument::fromJson(in.readAll()).object();
        m[QStringLiteral("schema")] = 2;
        const auto write = [&](const QJsonObject& forward) {
            m[QStringLiteral("forward")] = forward;
            QFile out(plugin.filePath(QStringLiteral("plugin.json")));
            return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(m).toJson()) > 0;
        };
        QVERIFY(write(
            QJsonDocument::fromJson(R"({"edits": {"stages": ["llm.block"], "ops": ["zero"]}})").object()));
        const auto loaded = ModelPlugin::load(plugin.path().toStdString(), DevicePreference::Cpu);
        QVERIFY(loaded->manifest().forward.canEdit("llm.block"));
        // Without a "stages" list the names meet the captures: an editable stage must return its tokens.
        m.remove(QStringLiteral("stages"));
        QVERIFY(write(QJsonDocument::fromJson(R"({"edits": {"stages": ["block9"]}})").object()));
        try {
            ModelPlugin::load(plugin.path().toStdString(), DevicePreference::Cpu);
            QFAIL("an edit at a stage without tokens loaded");
        } catch (const Error& e) {
            QVERIFY2(
                QString::fromUtf8(e.what()).endsWith(QStringLiteral(
                    "forward.edits names stage 'block9', but the model returns no 'tokens.block9' to edit")),
                e.what());
        }
        QVERIFY(QFile::copy(dir_.filePath(QStringLiteral("tokenizer.model")),
                            plugin.filePath(QStringLiteral("t.model"))));
        QVERIFY(write(
            QJsonDocument::fromJson(
                R"({"inputs": ["pixels", {"name": "prompt", "kind": "text", "tokenizer": "t.model", "max_length": 16}]})")
                .object()));
        try {
            ModelPlugin::load(plugin.path().toStdString(), DevicePreference::Cpu);
            QFAIL("a plugin taking a text input loaded");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("plugin 'demo-vit-llama' (%1): its forward takes a text input ('prompt', "
                                    "forward.inputs); this Filterscope passes only the image input")
                         .arg(plugin.path()));
        }
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(ForwardSignatureTest)
#include "ForwardSignatureTest.moc"
