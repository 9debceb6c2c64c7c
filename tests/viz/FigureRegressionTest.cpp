// Visual regression: three figures (an overlay, a head grid, and the overlay's PDF page rendered by
// Poppler) against reference images stored under tests/viz/references/. A layout change that moves,
// clips or rescales anything fails here; anti-aliasing noise does not (a few grey levels, few pixels).
// After an intended change: FILTERSCOPE_UPDATE_REFERENCES=1 rewrites the references — look at them.
#include "TestMain.h"
#include "TestPaths.h"
#include "figure/FigureFileWriter.h"
#include "figure/MapFigurePainter.h"
#include "figure/MapGridFigurePainter.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace filterscope;

namespace {

FloatArray patternMap(int seed) {
    FloatArray m({14, 14}, 0.0f);
    for (int i = 0; i < 196; ++i)
        m.data[i] = static_cast<float>(std::sin(0.37 * i + seed) + 0.02 * i);
    return m;
}

QImage paintAt(const QSize& size, const std::function<void(QPainter&)>& paint) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    paint(p);
    return image;
}

// Fails with a message naming the figure when it differs from its reference beyond anti-aliasing noise.
QString compareWithReference(const QImage& got, const QString& name) {
    const QString path =
        testpaths::sourceDir() + QStringLiteral("/tests/viz/references/") + name + QStringLiteral(".png");
    if (qEnvironmentVariableIsSet("FILTERSCOPE_UPDATE_REFERENCES")) {
        QDir().mkpath(QFileInfo(path).path());
        return got.save(path) ? QString() : path + QStringLiteral(": cannot write");
    }
    const QImage want = QImage(path).convertToFormat(QImage::Format_RGB32);
    if (want.isNull())
        return path + QStringLiteral(": missing reference");
    if (want.size() != got.size())
        return QStringLiteral("%1: size %2x%3, reference %4x%5")
            .arg(name)
            .arg(got.width())
            .arg(got.height())
            .arg(want.width())
            .arg(want.height());
    long long far = 0;
    double sum = 0;
    for (int y = 0; y < got.height(); ++y)
        for (int x = 0; x < got.width(); ++x) {
            const QRgb a = got.pixel(x, y), b = want.pixel(x, y);
            const int d = std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                    std::abs(qBlue(a) - qBlue(b))});
            sum += d;
            far += d > 40;
        }
    const double pixels = double(got.width()) * got.height();
    if (far > pixels * 0.002 || sum / pixels > 1.0)
        return QStringLiteral(
                   "%1: %2 pixels differ by more than 40 levels, mean difference %3 (reference %4)")
            .arg(name)
            .arg(far)
            .arg(sum / pixels, 0, 'f', 2)
            .arg(path);
    return {};
}

}  // namespace

class FigureRegressionTest : public QObject {
    Q_OBJECT
    RgbImage photo_;
    FloatArray map_ = patternMap(0);
    MapFigureSpec overlay_;

private Q_SLOTS:
    void initTestCase() {
        ImageInputSpec spec;
        spec.width = spec.height = 224;
        photo_ = prepareImage(loadImage(testpaths::demoImage().toStdString()), spec).resized;
        overlay_.title = "astronaut | Frozen LLaMA block | activation";
        overlay_.valueLabel = "‖xᵢ − x̄‖₂ (raw)";
        overlay_.scaling = "colour range: min to max of this map";
        overlay_.map = &map_;
        overlay_.background = &photo_;
    }

    void overlayMatchesReference() {
        const MapFigurePainter painter(overlay_);
        const QString problem =
            compareWithReference(paintAt(painter.size(), [&](QPainter& p) { painter.paint(p); }), "overlay");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void headGridMatchesReference() {
        MapGridFigureSpec grid;
        grid.title = "astronaut | Frozen LLaMA block | attention of token 0 (CLS), every head";
        grid.valueLabel = "attention probability (raw)";
        for (int h = 0; h < 4; ++h) {
            grid.maps.push_back(patternMap(h));
            grid.labels.push_back("head " + std::to_string(h));
        }
        grid.columns = 2;
        const MapGridFigurePainter painter(grid);
        const QString problem = compareWithReference(
            paintAt(painter.size(), [&](QPainter& p) { painter.paint(p); }), "head-grid");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void pdfPageMatchesReference() {
        QTemporaryDir dir;
        const std::string png = dir.filePath(QStringLiteral("overlay.png")).toStdString();
        {
            FigureFileWriter writer(1.0, {FigureFormat::Pdf});
            writer.writeMap(png, overlay_);
            writer.finish();
        }
        QProcess poppler;
        poppler.start(QStringLiteral("pdftoppm"),
                      {QStringLiteral("-r"), QStringLiteral("72"), QStringLiteral("-png"),
                       QStringLiteral("-singlefile"), dir.filePath(QStringLiteral("overlay.pdf")),
                       dir.filePath(QStringLiteral("page"))});
        QVERIFY2(poppler.waitForFinished(60000) && poppler.exitCode() == 0,
                 "pdftoppm failed or is missing (scripts/setup-debian.sh installs poppler-utils)");
        const QImage page =
            QImage(dir.filePath(QStringLiteral("page.png"))).convertToFormat(QImage::Format_RGB32);
        const QString problem = compareWithReference(page, "overlay-pdf-page");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

FILTERSCOPE_TEST_MAIN(FigureRegressionTest)
#include "FigureRegressionTest.moc"
