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
};

QTEST_GUILESS_MAIN(NpyFileTest)
#include "NpyFileTest.moc"
