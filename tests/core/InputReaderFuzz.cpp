// Deterministic fuzz runs (FuzzBudget.h: fixed seed and count, replayable) of the readers not covered by
// the point-cloud and checkpoint fuzzers: NPY headers and files, plugin manifests (JSON), images through
// OpenCV and the libjpeg integrity pass, and video clips through OpenCV/FFmpeg (crash-only: a mutated clip
// may still decode). Every outcome must be a result or a filterscope::Error naming the file; a crash, a
// hang or any other exception fails.
#include "ByteMutation.h"
#include "FuzzBudget.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "array/NpyFile.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"
#include "input/ImageLoader.h"
#include "input/JpegIntegrity.h"
#include "input/VideoLoader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <random>
#include <typeinfo>

using namespace filterscope;

namespace {

struct Counts {
    long long runs = 0, accepted = 0, refused = 0;
};

// Inputs that once failed a fuzz run (tests/core/fuzz-regressions/<target>-*.bin): run first, every time.
std::vector<std::string> regressionInputs(const char* target) {
    std::vector<std::string> inputs;
    const QDir dir(testpaths::sourceDir() + QStringLiteral("/tests/core/fuzz-regressions"));
    for (const QString& name :
         dir.entryList({QString::fromLatin1(target) + QStringLiteral("-*.bin")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            inputs.push_back(f.readAll().toStdString());
    }
    return inputs;
}

// Runs `read` on the target's regression inputs, then on `iterations` mutations of the seeds; fails on
// anything but success or an Error. With FILTERSCOPE_FUZZ_LAST set (scripts/fuzz.sh), each input is
// written there first, so one that crashes the process can be kept as a regression file.
bool fuzz(const char* target, const std::vector<std::string>& seeds, long long iterations, uint32_t seed,
          bool headerNumbers, const std::function<void(const std::string&)>& read, Counts& counts,
          QString& failure) {
    const fuzzbudget::Budget budget = fuzzbudget::fromEnvironment(iterations, seed, target);
    const QString last = qEnvironmentVariable("FILTERSCOPE_FUZZ_LAST");
    std::mt19937 rng(budget.seed);
    const std::vector<std::string> regressions = regressionInputs(target);
    for (long long i = 0; i < static_cast<long long>(regressions.size()) + budget.iterations; ++i) {
        const bool regression = i < static_cast<long long>(regressions.size());
        const std::string bytes =
            regression ? regressions[i] : mutateBytes(seeds[rng() % seeds.size()], rng, headerNumbers, 64);
        if (!last.isEmpty()) {
            QFile f(last);
            if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                f.write(bytes.data(), static_cast<qint64>(bytes.size()));
        }
        ++counts.runs;
        try {
            read(bytes);
            ++counts.accepted;
        } catch (const Error&) {
            ++counts.refused;
        } catch (const std::exception& e) {
            failure = QStringLiteral("%1 %2 %3: %4 escaped as %5")
                          .arg(QString::fromLatin1(target),
                               regression ? QStringLiteral("regression input") : QStringLiteral("mutation"))
                          .arg(counts.runs)
                          .arg(QString::fromUtf8(e.what()), QString::fromUtf8(typeid(e).name()));
            return false;
        }
    }
    qInfo("%s: %zu regression inputs and %lld mutations: %lld read, %lld refused with an Error", target,
          regressions.size(), budget.iterations, counts.accepted, counts.refused);
    return true;
}

void writeFile(const QString& path, const std::string& bytes) {
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

std::string encoded(const QImage& image, const char* format, int quality = -1) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes.toStdString();
}

}  // namespace

class InputReaderFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void npyNeverCrashes() {
        std::vector<std::string> seeds;
        FloatArray a({2, 3}, 0.5f);
        seeds.push_back(encodeNpy(a));
        FloatArray b({1, 197, 4}, -1.0f);
        seeds.push_back(encodeNpy(b));
        const QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("x.npy")).toStdString();
        Counts c;
        QString failure;
        const bool ok = fuzz(
            "npy", seeds, 20000, 7001, true,
            [&](const std::string& bytes) {
                parseNpyHeader(bytes, "x.npy");
                if (c.runs % 10 == 0) {  // the whole file too, through the file reader
                    writeFile(QString::fromStdString(path), bytes);
                    readNpy(path);
                }
            },
            c, failure);
        QVERIFY2(ok, qPrintable(failure));
        QVERIFY(c.accepted > 0 && c.refused > 0);  // the mutations reach both outcomes
    }

    void manifestsNeverCrash() {
        QFile demo(testpaths::demoPlugin() + QStringLiteral("/plugin.json"));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        const std::vector<std::string> seeds = {demo.readAll().toStdString(),
                                                std::string(3000, '[') + std::string(3000, ']')};
        const std::string dir = testpaths::demoPlugin().toStdString();
        Counts c;
        QString failure;
        const bool ok = fuzz(
            "manifest", seeds, 20000, 7002, true,
            [&](const std::string& text) {
                const ManifestCheck check = PluginManifest::inspectText(text, dir);
                if (!check.problems.empty())
                    throw Error(check.problems.front());
                PluginManifest::parse(text, dir);  // what inspect passes, parse accepts
            },
            c, failure);
        QVERIFY2(ok, qPrintable(failure));
        QVERIFY(c.accepted > 0 && c.refused > 0);
    }

    void imagesNeverCrash() {
        QImage photo(testpaths::sharedData() + QStringLiteral("/images/coffee.png"));
        if (photo.isNull())
            QSKIP("../shared/data is not beside this checkout");
        photo = photo.scaled(64, 48).convertToFormat(QImage::Format_RGB888);
        const std::vector<std::string> seeds = {
            encoded(photo, "JPG", 90), encoded(photo, "PNG"), encoded(photo, "BMP"),
            encoded(photo.convertToFormat(QImage::Format_Grayscale8), "JPG", 75)};
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.img"));
        Counts c;
        QString failure;
        long long warned = 0;
        const bool ok = fuzz(
            "image", seeds, 3000, 7003, false,
            [&](const std::string& bytes) {
                writeFile(path, bytes);
                std::vector<std::string> warnings;
                try {
                    const RgbImage img = loadImage(path.toStdString(), ExifOrientation::Apply, &warnings);
                    if (img.empty() || img.pixels.size() != size_t(img.width) * img.height * 3)
                        throw std::logic_error("decoded image of inconsistent size");
                } catch (const Error& e) {
                    if (std::string(e.what()).find(path.toStdString()) == std::string::npos)
                        throw std::logic_error(std::string("message does not name the file: ") + e.what());
                    throw;
                }
                warned += !warnings.empty();
                jpegDecodeWarnings(bytes);  // also on data OpenCV refused
            },
            c, failure);
        QVERIFY2(ok, qPrintable(failure));
        QVERIFY(c.accepted > 0 && c.refused > 0 && warned > 0);
    }

    void videosNeverCrash() {
        QFile clip(testpaths::sharedData() + QStringLiteral("/video/big_buck_bunny_432_433.webm"));
        if (!clip.open(QIODevice::ReadOnly))
            QSKIP("../shared/data is not beside this checkout");
        const std::vector<std::string> seeds = {clip.readAll().toStdString()};
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.webm"));
        VideoInputSpec spec;
        spec.frames = 2;
        Counts c;
        QString failure;
        const bool ok = fuzz(
            "video", seeds, 60, 7004, false,
            [&](const std::string& bytes) {
                writeFile(path, bytes);
                const VideoFrames v = loadVideoFrames(path.toStdString(), spec);
                for (const RgbImage& f : v.frames)
                    if (f.empty())
                        throw std::logic_error("an empty frame was returned");
            },
            c, failure);
        QVERIFY2(ok, qPrintable(failure));
        QVERIFY(c.runs >= 60 || qEnvironmentVariableIsSet("FILTERSCOPE_FUZZ_ITERATIONS"));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(InputReaderFuzz)
#include "InputReaderFuzz.moc"
