// One pipeline, two front ends: the window's result object (computeInputResult, as Workbench computes it) and
// the files `filterscope-cli run` writes must hold the same numbers, bit for bit, for every analysis of
// every demo plugin: token maps, spectra, attention heads and mean, rollout, query maps, similarities,
// coverage and relevance.
#include "TestMain.h"
#include "TestPaths.h"
#include "array/NpyFile.h"
#include "session/ComputeInputResult.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

class FrontEndsAgreeTest : public QObject {
    Q_OBJECT

    int compared_ = 0;

    void same(const QString& file, const FloatArray& want) {
        QVERIFY2(QFile::exists(file), qPrintable(file + QStringLiteral(": not written by the CLI")));
        const FloatArray got = readNpy(file.toStdString());
        QVERIFY2(got.shape == want.shape,
                 qPrintable(file + QStringLiteral(": shape ") + QString::fromStdString(got.shapeString()) +
                            QStringLiteral(" vs ") + QString::fromStdString(want.shapeString())));
        QVERIFY2(std::memcmp(got.data.data(), want.data.data(), got.data.size() * sizeof(float)) == 0,
                 qPrintable(file + QStringLiteral(": values differ from the window's")));
        ++compared_;
    }

    void compare(const QString& pluginDir, const QString& input, const QString& variant = QString()) {
        const auto plugin =
            ModelPlugin::load(pluginDir.toStdString(), DevicePreference::Cpu, variant.toStdString());
        NullProgressSink progress;
        const InputResult r = computeInputResult(*plugin, input.toStdString(), progress);

        QTemporaryDir out;
        QProcess cli;
        QStringList args = {QStringLiteral("run"),
                            QStringLiteral("--plugin"),
                            pluginDir,
                            QStringLiteral("--input"),
                            input,
                            QStringLiteral("--out"),
                            out.path(),
                            QStringLiteral("--no-figures"),
                            QStringLiteral("--quiet"),
                            QStringLiteral("--device"),
                            QStringLiteral("cpu")};
        if (!variant.isEmpty())
            args << QStringLiteral("--variant") << variant;
        cli.start(testpaths::buildDir() + QStringLiteral("/bin/filterscope-cli"), args);
        QVERIFY(cli.waitForFinished(300000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

        const QString dir =
            out.path() + QLatin1Char('/') + QFileInfo(input).completeBaseName() + QLatin1Char('/');
        const int before = compared_;
        for (const StageMaps& m : r.maps) {
            const QString s = dir + QString::fromStdString(m.stage) + QLatin1Char('/');
            if (m.norms)
                same(s + QStringLiteral("norm.npy"), m.norms->grid);
            if (m.activation)
                same(s + QStringLiteral("activation.npy"), *m.activation);
            if (m.frequency)
                same(s + QStringLiteral("freq.npy"), *m.frequency);
            if (m.spectrum)
                same(s + QStringLiteral("spectrum.npy"), m.spectrum->centredPower);
            if (m.attention) {
                for (size_t h = 0; h < m.attention->headMaps.size(); ++h)
                    same(s + QStringLiteral("attn_head%1.npy").arg(h), m.attention->headMaps[h]);
                same(s + QStringLiteral("attn_mean.npy"), m.attention->meanMap);
            }
        }
        if (r.rollout)
            same(dir + QString::fromStdString(r.rollout->stages.back()) + QStringLiteral("/rollout.npy"),
                 r.rollout->map);
        for (const QueryStageMaps& q : r.queries) {
            const QString s = dir + QString::fromStdString(q.stage) + QLatin1Char('/');
            same(s + QStringLiteral("query_maps.npy"), q.maps);
            same(s + QStringLiteral("query_similarity.npy"), q.similarity);
            same(s + QStringLiteral("query_similarity_raw.npy"), q.similarityRaw);
            same(s + QStringLiteral("coverage.npy"), q.coverage);
        }
        if (r.relevance) {
            const QString s = dir + QString::fromStdString(r.relevanceStage) + QLatin1Char('/');
            same(s + QStringLiteral("query_relevance.npy"), r.relevance->maps);
            QFile method(s + QStringLiteral("query_relevance.txt"));
            QVERIFY(method.open(QIODevice::ReadOnly));
            QVERIFY(method.readLine().trimmed() == QByteArray("method: ") + r.relevanceMethod.c_str());
        }
        QVERIFY2(compared_ - before >= 8, qPrintable(pluginDir));
        qInfo("%s%s: %d arrays equal", qPrintable(QFileInfo(pluginDir).fileName()),
              qPrintable(variant.isEmpty() ? QString() : QLatin1Char('@') + variant), compared_ - before);
    }

private Q_SLOTS:
    void imagePlugin() { compare(testpaths::demoPlugin(), testpaths::demoImage()); }

    void qformerPlugin() {
        compare(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-qformer"), testpaths::demoImage());
    }

    void llmVariantPlugin() {
        compare(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-ablations"), testpaths::demoImage(),
                QStringLiteral("random"));
    }

    void videoPlugin() {
        compare(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-video"),
                testpaths::buildDir() + QStringLiteral("/share/filterscope/demo/moving_shapes.avi"));
    }

    void pointCloudPlugin() {
        const QString scan = testpaths::sharedData() + QStringLiteral("/pointclouds/milk.pcd");
        if (!QFile::exists(scan))
            QSKIP("../shared/data/pointclouds is not beside this checkout");
        compare(testpaths::buildDir() + QStringLiteral("/plugins/demo-point-llama"), scan);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(FrontEndsAgreeTest)
#include "FrontEndsAgreeTest.moc"
