#include "TestMain.h"
#include "array/NpyFile.h"
#include "common/Error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

class NpyFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headerIsNumpyFormat1() {
        const std::string bytes = encodeNpy(FloatArray({2, 3}, std::vector<float>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
        const size_t headerLen =
            static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        QCOMPARE((10 + headerLen) % 64, size_t(0));  // numpy aligns the data to 64 bytes
        const std::string header = bytes.substr(10, headerLen);
        QVERIFY(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2,3), }", 0) == 0);
        QCOMPARE(header.back(), '\n');
        QCOMPARE(bytes.size(), 10 + headerLen + 6 * sizeof(float));
        const std::string oneD = encodeNpy(FloatArray({3}));
        QVERIFY(oneD.find("'shape': (3,)") != std::string::npos);
    }

    void roundTripThroughAFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("m.npy")).toStdString();
        const FloatArray a({2, 1, 2}, std::vector<float>{-1.5f, 0.0f, 3.25f, 1e-30f});
        writeNpy(path, a);
        const FloatArray b = readNpy(path);
        QCOMPARE(b.shape, a.shape);
        QCOMPARE(b.data, a.data);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("m.npy")});  // no temp left
    }

    void truncatedFileIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.npy"));
        const std::string bytes = encodeNpy(FloatArray({4, 4}));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes.data(), static_cast<qint64>(bytes.size() - 5));
        f.close();
        try {
            readNpy(path.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(
                         QStringLiteral("body holds 59 bytes, shape [4,4] needs 64")),
                     e.what());
        }
    }

    // Headers that crashed or misled the regex parser: each must give a clear error naming the file.
    void hostileHeadersAreRefused_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        const QByteArray digits(100000, '7');  // a 100k-digit size: once a stack overflow in std::regex
        QTest::newRow("100k digits") << ("{'descr': '<f4', 'fortran_order': False, 'shape': (" + digits +
                                         ",), }")
                                     << "a shape size has more than 15 digits";
        QTest::newRow("2^40+ elements") << QByteArray(
                                               "{'descr': '<f4', 'fortran_order': False, 'shape': "
                                               "(1099511627776, 2), }")
                                        << "more than 2^40 elements";
        QTest::newRow("no shape") << QByteArray("{'descr': '<f4', 'fortran_order': False, }")
                                  << "has no shape";
        QTest::newRow("not a tuple") << QByteArray("{'descr': '<f4', 'shape': [3, 4], }") << "is not a tuple";
        QTest::newRow("open tuple") << QByteArray("{'descr': '<f4', 'shape': (3, 4") << "tuple is not closed";
        QTest::newRow("letters") << QByteArray("{'descr': '<f4', 'shape': (3, x), }")
                                 << "holds something other than sizes";
    }
    void hostileHeadersAreRefused() {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        std::string bytes = "\x93NUMPY";
        const uint32_t n = static_cast<uint32_t>(header.size());
        bytes += '\x02';
        bytes += '\x00';
        for (int i = 0; i < 4; ++i)
            bytes += static_cast<char>((n >> (8 * i)) & 0xff);
        bytes += header.toStdString();
        try {
            parseNpyHeader(bytes, "hostile.npy");
            QFAIL("no error");
        } catch (const Error& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QStringLiteral("hostile.npy: ")) && what.contains(expected), e.what());
        }
    }

    void versionsOneTwoThreeParse() {
        const std::string v1 = encodeNpy(FloatArray({2, 3}));
        const NpyHeader h = parseNpyHeader(v1, "v1");
        QCOMPARE(h.shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(QString::fromStdString(h.descr), QStringLiteral("<f4"));
        std::string v4 = v1;
        v4[6] = 4;
        QVERIFY_THROWS_EXCEPTION(Error, parseNpyHeader(v4, "v4"));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(NpyFileTest)
#include "NpyFileTest.moc"
