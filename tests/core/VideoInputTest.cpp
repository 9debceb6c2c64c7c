// Frame sampling and the video manifest; tests/python/check_video.py runs real clips end to end.
#include "TestMain.h"
#include "analysis/VideoAnalysis.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"
#include "input/VideoLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

class VideoInputTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void uniformSamplingIsNumpyRoundOfLinspace() {
        VideoInputSpec spec;
        spec.frames = 8;
        QCOMPARE(sampleFrameIndices(720, spec, "c"),
                 (std::vector<int>{0, 103, 205, 308, 411, 514, 616, 719}));
        QCOMPARE(sampleFrameIndices(24, spec, "c"), (std::vector<int>{0, 3, 7, 10, 13, 16, 20, 23}));
        spec.frames = 3;  // linspace(0, 3, 3) = 0, 1.5, 3: 1.5 rounds to the even 2
        QCOMPARE(sampleFrameIndices(4, spec, "c"), (std::vector<int>{0, 2, 3}));
        spec.frames = 5;  // 0, 2.5, 5, 7.5, 10 → 0, 2, 5, 8, 10
        QCOMPARE(sampleFrameIndices(11, spec, "c"), (std::vector<int>{0, 2, 5, 8, 10}));
        spec.frames = 1;
        QCOMPARE(sampleFrameIndices(9, spec, "c"), (std::vector<int>{0}));
    }

    void strideSampling() {
        VideoInputSpec spec;
        spec.frames = 4;
        spec.sampling = VideoInputSpec::Sampling::Stride;
        spec.stride = 3;
        QCOMPARE(sampleFrameIndices(10, spec, "c"), (std::vector<int>{0, 3, 6, 9}));
        try {
            sampleFrameIndices(9, spec, "clip.mp4");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral(
                    "clip.mp4: has 9 frames, stride 3 sampling of 4 frames needs 10 (clips are not padded)"));
        }
    }

    void tooShortIsAnError() {
        VideoInputSpec spec;
        spec.frames = 16;
        try {
            sampleFrameIndices(12, spec, "short.webm");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("short.webm: has 12 frames, the plugin takes 16 (uniform sampling; clips "
                                    "are not padded)"));
        }
    }

    void videoManifestIsChecked() {
        QTemporaryDir dir;
        QFile model(dir.filePath(QStringLiteral("model.pt")));
        QVERIFY(model.open(QIODevice::WriteOnly));
        model.write("x");
        model.close();
        const std::string good =
            R"({"schema": 1, "id": "v", "name": "v", "modality": "video", "model": "model.pt",
          "input": {"size": [112, 112], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "frames": 8, "tubelet": 2},
          "tokens": {"layout": "cube", "grid": [4, 7, 7], "prefix": 1}})";
        const PluginManifest m = PluginManifest::parse(good, dir.path().toStdString());
        QCOMPARE(m.video.frames, 8);
        QCOMPARE(m.video.tubelet, 2);
        QCOMPARE(m.tokens.tokenCount(), int64_t(1 + 4 * 7 * 7));
        auto errorOf = [&](std::string json) {
            try {
                PluginManifest::parse(json, dir.path().toStdString());
            } catch (const Error& e) {
                return QString::fromUtf8(e.what());
            }
            return QString();
        };
        std::string wrongT = good;
        wrongT.replace(wrongT.find("[4, 7, 7]"), 9, "[8, 7, 7]");
        QVERIFY2(errorOf(wrongT).endsWith(QStringLiteral(
                     "'tokens.grid' has 8 token-time steps, but input.frames 8 / input.tubelet 2 gives 4")),
                 qPrintable(errorOf(wrongT)));
        std::string noFrames = good;
        noFrames.replace(noFrames.find("\"frames\": 8, "), 13, "");
        QVERIFY(errorOf(noFrames).contains(QStringLiteral("'input.frames' is required for a video plugin")));
        std::string grid2d = good;
        grid2d.replace(grid2d.find("\"cube\", \"grid\": [4, 7, 7]"), 25, "\"grid\", \"grid\": [7, 7]");
        QVERIFY2(errorOf(grid2d).contains(
                     QStringLiteral("'tokens.layout' must be \"cube\" with grid [t,h,w] for a video plugin")),
                 qPrintable(errorOf(grid2d)));
    }

    void timeCurveAndQuantileMask() {
        const FloatArray map({2, 1, 3}, std::vector<float>{1, 2, 3, 10, 0, 5});
        QCOMPARE(timeCurve(map).data, (std::vector<float>{2, 3, 5, 10}));
        QCOMPARE(quantile(map, 0.5), 2.5);  // sorted 0 1 2 3 5 10: halfway between 2 and 3
        QCOMPARE(quantileMask(map, 0.5).data, (std::vector<float>{0, 0, 1, 1, 0, 1}));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(VideoInputTest)
#include "VideoInputTest.moc"
