#include "TestMain.h"
#include "TestPaths.h"
#include "common/Error.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

QString errorOf(const QString& path) {
    try {
        loadImage(path.toStdString());
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A minimal EXIF APP1 segment holding only Orientation (tag 0x0112) = `orientation`, little-endian TIFF.
QByteArray exifOrientationSegment(quint16 orientation) {
    QByteArray tiff("II*\0\x08\0\0\0", 8);
    tiff += QByteArray("\x01\x00", 2);                          // one IFD entry
    tiff += QByteArray("\x12\x01\x03\x00\x01\x00\x00\x00", 8);  // tag 0x0112, SHORT, count 1
    tiff += static_cast<char>(orientation & 0xff);
    tiff += static_cast<char>(orientation >> 8);
    tiff += QByteArray(2, '\0');
    tiff += QByteArray(4, '\0');  // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    const int len = payload.size() + 2;
    return QByteArray("\xff\xe1", 2) + static_cast<char>(len >> 8) + static_cast<char>(len & 0xff) + payload;
}

}  // namespace

class ImageInputTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private Q_SLOTS:
    void clearErrorsNamingTheFile() {
        const QString missing = dir_.filePath(QStringLiteral("missing.png"));
        QCOMPARE(errorOf(missing), missing + QStringLiteral(": file not found"));
        const QString garbage = dir_.filePath(QStringLiteral("garbage.png"));
        writeBytes(garbage, QByteArray("this is not a png at all"));
        QCOMPARE(errorOf(garbage), garbage + QStringLiteral(": not a PNG file"));  // as for a folder's
        const QString badJpeg = dir_.filePath(QStringLiteral("bad.jpg"));
        writeBytes(badJpeg, QByteArray("\xff\xd8\xff\xe0 not a jpeg"));
        QCOMPARE(errorOf(badJpeg),
                 badJpeg + QStringLiteral(
                               ": cannot decode image (corrupt data or a format this build cannot read)"));
        const QString empty = dir_.filePath(QStringLiteral("empty.jpg"));
        writeBytes(empty, QByteArray());
        QCOMPARE(errorOf(empty), empty + QStringLiteral(": empty file, not an image"));
        QCOMPARE(errorOf(dir_.path()), dir_.path() + QStringLiteral(": is a folder, not an image"));
        QFile demo(testpaths::demoImage());
        QVERIFY(demo.open(QIODevice::ReadOnly));
        const QString truncated = dir_.filePath(QStringLiteral("truncated.png"));
        writeBytes(truncated, demo.read(4000));
        QCOMPARE(errorOf(truncated),
                 truncated +
                     QStringLiteral(": truncated PNG: the file ends after 4000 bytes (libpng: Read Error)"));
        // A PNG whose pixel data is damaged (a byte of its first IDAT chunk changed): libpng's reason.
        QVERIFY(demo.seek(0));
        QByteArray bytes = demo.readAll();
        const int idat = bytes.indexOf("IDAT");
        QVERIFY(idat > 0);
        bytes[idat + 40] = static_cast<char>(bytes[idat + 40] ^ 0x5a);
        const QString damaged = dir_.filePath(QStringLiteral("damaged.png"));
        writeBytes(damaged, bytes);
        QVERIFY2(errorOf(damaged).startsWith(damaged + QStringLiteral(": damaged PNG (libpng: IDAT: ")),
                 qPrintable(errorOf(damaged)));
    }

    // Found by scripts/fuzz.sh (UBSan: the size check multiplied 3671775962 by itself and overflowed).
    void headerSizesNearTwoToThe32AreRefusedWithoutOverflow() {
        QFile found(testpaths::sourceDir() +
                    QStringLiteral("/tests/core/fuzz-regressions/image-png-ihdr-size-overflow.bin"));
        QVERIFY(found.open(QIODevice::ReadOnly));
        const QString path = dir_.filePath(QStringLiteral("huge.png"));
        writeBytes(path, found.readAll());
        QCOMPARE(errorOf(path),
                 path + QStringLiteral(": the file declares a 3671775962x3671775962 image; at most "
                                       "100 megapixels are decoded"));
    }

    void decodesRealPhotosLikeQt() {
        const QString path = testpaths::sharedData() + QStringLiteral("/images/coffee.png");
        if (!QFile::exists(path))
            QSKIP("../shared/data is not beside this checkout");
        const RgbImage img = loadImage(path.toStdString());
        const QImage ref = QImage(path).convertToFormat(QImage::Format_RGB888);
        QCOMPARE(img.width, 600);
        QCOMPARE(img.height, 400);
        QCOMPARE(img.width, ref.width());
        for (const QPoint p : {QPoint(0, 0), QPoint(599, 399), QPoint(300, 200), QPoint(17, 333)}) {
            const uint8_t* px = img.pixel(p.x(), p.y());
            const QRgb q = ref.pixel(p);
            QCOMPARE(int(px[0]), qRed(q));
            QCOMPARE(int(px[1]), qGreen(q));
            QCOMPARE(int(px[2]), qBlue(q));
        }
    }

    void exifOrientationIsHonoured() {
        QImage src(40, 20, QImage::Format_RGB888);  // landscape, left half red, right half blue
        src.fill(Qt::blue);
        for (int y = 0; y < 20; ++y)
            for (int x = 0; x < 20; ++x)
                src.setPixelColor(x, y, Qt::red);
        QByteArray jpeg;
        QBuffer buf(&jpeg);
        buf.open(QIODevice::WriteOnly);
        QVERIFY(src.save(&buf, "JPEG", 95));
        // Orientation 6: the camera was rotated; viewers turn the picture 90° clockwise.
        jpeg.insert(2, exifOrientationSegment(6));
        const QString path = dir_.filePath(QStringLiteral("rotated.jpg"));
        writeBytes(path, jpeg);
        const RgbImage img = loadImage(path.toStdString());
        QCOMPARE(img.width, 20);
        QCOMPARE(img.height, 40);
        QVERIFY(img.pixel(10, 5)[0] > 200 && img.pixel(10, 5)[2] < 60);    // top is the former left: red
        QVERIFY(img.pixel(10, 35)[2] > 200 && img.pixel(10, 35)[0] < 60);  // bottom: blue
    }

    void inputAtModelSizeIsNotResampled() {
        RgbImage img;
        img.width = 4;
        img.height = 2;
        for (int i = 0; i < 24; ++i)
            img.pixels.push_back(static_cast<uint8_t>(i * 10));
        ImageInputSpec spec;
        spec.height = 2;
        spec.width = 4;
        spec.mean = {0.5f, 0.25f, 0.0f};
        spec.std = {0.5f, 0.25f, 2.0f};
        const PreparedImage p = prepareImage(img, spec);
        QVERIFY(!p.resampled);
        QCOMPARE(p.resized.pixels, img.pixels);
        QCOMPARE(p.tensor.shape, (std::vector<int64_t>{1, 3, 2, 4}));
        // pixel 5 (x=1, y=1), channel 1 = byte 16 = 160: (160/255 − 0.25)/0.25, CHW layout.
        QCOMPARE(p.tensor.data[1 * 8 + 5], (160.0f / 255.0f - 0.25f) / 0.25f);
        QCOMPARE(p.tensor.data[2 * 8 + 0], (20.0f / 255.0f - 0.0f) / 2.0f);
    }

    void shorterSideCropGeometry() {
        RgbImage img;
        img.width = 600;
        img.height = 400;
        img.pixels.assign(600 * 400 * 3, 0);
        for (int y = 0; y < 400; ++y)  // a marker band at x = 299..301 (the centre)
            for (int x = 299; x <= 301; ++x)
                for (int c = 0; c < 3; ++c)
                    img.pixels[(y * 600 + x) * 3 + c] = 255;
        ImageInputSpec spec;
        spec.height = spec.width = 224;
        spec.resize = ImageInputSpec::Resize::ShorterSideCrop;
        spec.interpolation = ImageInputSpec::Interpolation::Nearest;
        const PreparedImage p = prepareImage(img, spec);
        QVERIFY(p.resampled);
        QCOMPARE(p.resized.width, 224);
        QCOMPARE(p.resized.height, 224);
        // 600x400 → 336x224 (s = 0.56), crop left 56: the centre column lands at 300·0.56 − 56 = 112.
        QCOMPARE(int(p.resized.pixel(112, 100)[0]), 255);
        QCOMPARE(int(p.resized.pixel(110, 100)[0]), 0);
        QCOMPARE(int(p.resized.pixel(115, 100)[0]), 0);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(ImageInputTest)
#include "ImageInputTest.moc"
