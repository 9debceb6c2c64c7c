// The safetensors header validation: malformed headers are refused with a message naming the problem,
// and a short deterministic fuzz run of mutated headers never crashes. (Reading real sharded
// checkpoints against numpy: tests/python/check_safetensors.py.)
#include "TestMain.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Error.h"

#include <QFile>
#include <QTemporaryDir>
#include "FuzzBudget.h"

#include <QtTest>

#include <chrono>
#include <random>

using namespace filterscope;

namespace {

QString errorOfHeader(const std::string& json, uint64_t dataSize) {
    try {
        SafetensorsFile::parseHeader(json, dataSize, "w.safetensors");
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class SafetensorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validHeader() {
        const auto t = SafetensorsFile::parseHeader(
            R"({"__metadata__": {"format": "pt"}, "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
                "b": {"dtype": "BF16", "shape": [4], "data_offsets": [24, 32]}})",
            32, "w");
        QCOMPARE(t.size(), size_t(2));
        QCOMPARE(t.at("a").shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(t.at("b").begin, uint64_t(24));
    }

    void malformedHeaders_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("dataSize");
        QTest::addColumn<QString>("expected");
        QTest::newRow("out of file") << R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}})"
                                     << 8 << "tensor 'a' spans bytes 0..16, outside the 8 data bytes";
        QTest::newRow("overlap") << R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                        "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}})"
                                 << 16 << "tensors 'a' and 'b' overlap";
        QTest::newRow("unknown dtype") << R"({"a": {"dtype": "I8", "shape": [4], "data_offsets": [0, 4]}})"
                                       << 4 << "tensor 'a' has dtype \"I8\"; F32, F16 and BF16 are read";
        QTest::newRow("size mismatch") << R"({"a": {"dtype": "F16", "shape": [3], "data_offsets": [0, 8]}})"
                                       << 8 << "tensor 'a' has 8 bytes for shape [3] of F16 (6 expected)";
        QTest::newRow("not json") << "{\"a\": " << 0 << "safetensors header is not a JSON object";
    }
    void malformedHeaders() {
        QFETCH(QString, json);
        QFETCH(int, dataSize);
        QFETCH(QString, expected);
        const QString error = errorOfHeader(json.toStdString(), static_cast<uint64_t>(dataSize));
        QVERIFY2(error.startsWith(QStringLiteral("w.safetensors: ") + expected), qPrintable(error));
    }

    void headerLengthBeyondTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.safetensors"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const uint64_t len = 1000;
        f.write(reinterpret_cast<const char*>(&len), 8);
        f.write("{}");
        f.close();
        try {
            SafetensorsFile::open(path.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     path + QStringLiteral(": header length 1000 runs past the end of the file (10 bytes)"));
        }
    }

    void mutatedHeadersNeverCrash() {
        const std::string seed =
            R"({"__metadata__": {"format": "pt"}, "layers.0.attention.wq.weight": {"dtype": "F16", "shape": [8, 8], )"
            R"("data_offsets": [0, 128]}, "layers.0.feed_forward.w1.weight": {"dtype": "BF16", "shape": [16, 8], )"
            R"("data_offsets": [128, 384]}, "norm.weight": {"dtype": "F32", "shape": [8], "data_offsets": [384, 416]}})";
        const fuzzbudget::Budget budget = fuzzbudget::fromEnvironment(200000, 7, "safetensors header");
        std::mt19937 rng(budget.seed);
        long long runs = 0, parsed = 0;
        while (runs < budget.iterations) {
            std::string s = seed;
            for (int e = 0, n = 1 + rng() % 3; e < n && !s.empty(); ++e) {
                const size_t at = rng() % s.size();
                switch (rng() % 4) {
                    case 0:
                        s[at] = static_cast<char>(rng());
                        break;
                    case 1:
                        s.erase(at, 1 + rng() % 8);
                        break;
                    case 2:
                        s.insert(at, rng() % 2 ? "99999999999" : "-1");
                        break;
                    default:
                        s.resize(at);
                }
            }
            ++runs;
            try {
                SafetensorsFile::parseHeader(s, 416 + rng() % 64, "fuzz");
                ++parsed;
            } catch (const Error&) {
            }
        }
        qInfo("%lld mutated headers, %lld accepted", runs, parsed);
        QVERIFY(parsed > 0 && parsed < runs);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(SafetensorsTest)
#include "SafetensorsTest.moc"
