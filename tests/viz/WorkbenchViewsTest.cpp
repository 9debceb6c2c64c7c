// The workbench views show exactly the numbers core computes: values under each token, the pixel
// colours at token centres, the charts' points. The reference is computed here from a separate forward
// pass and core's analysis functions, not read back from the session.
#include "TestMain.h"
#include "TestPaths.h"
#include "analysis/ActivationAnalysis.h"
#include "analysis/MapStatistics.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/TokenNormAnalysis.h"
#include "charts/ChartsPanel.h"
#include "color/Colormap.h"
#include "figure/FigureExport.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "session/Workbench.h"
#include "views/HeadGridView.h"
#include "views/MapOverlayView.h"
#include "views/StageStripView.h"

#include <QDir>
#include <QPainter>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

class WorkbenchViewsTest : public QObject {
    Q_OBJECT
    Workbench session_;
    CaptureSet reference_;
    TokenLayout layout_;

private Q_SLOTS:
    void initTestCase() {
        const auto plugin = ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cpu);
        layout_ = plugin->manifest().tokens;
        reference_ = plugin->run(
            prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input).tensor,
            "ref");
        session_.scheduler().setDevice(DevicePreference::Cpu);
        session_.scheduler().loadPlugin(testpaths::demoPlugin(), 0);
        session_.scheduler().openInput(testpaths::demoImage());
        QTRY_VERIFY_WITH_TIMEOUT(session_.document().result(0) != nullptr, 30000);
        session_.selection().setStage("llm.block");
        session_.selection().setAnalysis(MapKind::Activation);
        session_.selection().setColormap("viridis");
        session_.selection().setOpacity(1.0);  // colours at token centres are then exactly the colormap's
    }

    void overlayHoldsCoreValuesAndColours() {
        MapOverlayView view(&session_, PanelSource::Primary);
        view.resize(700, 600);
        const FloatArray expected = computeActivationMap(reference_.get("tokens.llm.block"), layout_);
        QCOMPARE(expected.data.size(), size_t(196));
        for (int t = 0; t < 196; ++t)
            QCOMPARE(view.valueAt(t), expected.data[t]);
        const auto [lo, hi] = finiteRange(expected);
        QCOMPARE(view.panel().lo, lo);
        QCOMPARE(view.panel().hi, hi);
        const QImage shot = view.grab().toImage();
        const Colormap& viridis = Colormap::byName("viridis");
        for (int t : {0, 13, 97, 182, 195}) {
            const QPoint c = view.tokenCentre(t).toPoint();
            QCOMPARE(view.tokenAt(c), t);
            const Rgb want = viridis.at((expected.data[t] - lo) / (hi - lo));
            QCOMPARE(shot.pixel(c), qRgb(want.r, want.g, want.b));
        }
        // Sequence numbering (CLS is token 0), with the grid cell: grid cell 97 is token 98.
        QVERIFY(view.describeToken(97).startsWith(QStringLiteral("token 98 (row 6, col 13): ‖xᵢ − x̄‖₂ = ")));
    }

    void clickSelectsTokenForEveryView() {
        MapOverlayView a(&session_, PanelSource::Primary), b(&session_, PanelSource::Primary);
        a.resize(600, 500);
        b.resize(300, 300);
        QTest::mouseClick(&a, Qt::LeftButton, {}, a.tokenCentre(42).toPoint());
        QCOMPARE(session_.selection().state().token, 42);
        QCOMPARE(b.panel().selectedToken, 42);
        session_.selection().setToken(-1);
    }

    void zoomKeepsTokenMapping() {
        MapOverlayView view(&session_, PanelSource::Primary);
        view.resize(600, 500);
        view.setView(4.0, QPointF(30, -20));
        for (int t : {60, 61, 74})  // tokens near the centre stay visible at 4x
            QCOMPARE(view.tokenAt(view.tokenCentre(t)), t);
    }

    void sharedScaleSpansAllStages() {
        session_.selection().setSharedScale(true);
        double lo = INFINITY, hi = -INFINITY;
        for (const std::string& stage : session_.document().plugin(0)->gridStages()) {
            const auto [a, b] = finiteRange(computeActivationMap(reference_.get("tokens." + stage), layout_));
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
        MapOverlayView view(&session_, PanelSource::Primary);
        QCOMPARE(view.panel().lo, lo);
        QCOMPARE(view.panel().hi, hi);
        session_.selection().setSharedScale(false);
    }

    // An export at any DPI is the same figure with more pixels: downscaled to 96 DPI, the 300 and 600 DPI
    // renders of the overlay, the head grid and the stage strip match the 96 DPI one (text that grew while
    // the layout did not, as it once did, differs by tens of grey levels over whole regions).
    void exportKeepsItsLayoutAtEveryDpi() {
        MapOverlayView overlay(&session_, PanelSource::Primary);
        overlay.resize(700, 600);
        HeadGridView heads(&session_);
        heads.resize(900, 500);
        StageStripView strip(&session_);
        strip.resize(1200, 180);
        const std::vector<std::pair<const char*, FigurePaintFunction>> figures = {
            {"overlay", [&](QPainter& p, const QSize& s) { overlay.paintFigure(p, s); }},
            {"heads", [&](QPainter& p, const QSize& s) { heads.paintFigure(p, s); }},
            {"strip", [&](QPainter& p, const QSize& s) { strip.paintFigure(p, s); }}};
        const std::vector<QSize> sizes = {overlay.size(), heads.size(), strip.figureSize()};
        const QString shots = qEnvironmentVariable("FILTERSCOPE_SCREENSHOTS");
        for (size_t f = 0; f < figures.size(); ++f) {
            const QImage base = renderFigure(sizes[f], figures[f].second, 96);
            QCOMPARE(base.size(), sizes[f]);
            for (int dpi : {300, 600}) {
                const QImage big = renderFigure(sizes[f], figures[f].second, dpi);
                QCOMPARE(big.width(), qRound(sizes[f].width() * dpi / 96.0));
                QCOMPARE(big.dotsPerMeterX(), qRound(dpi / 0.0254));
                const QImage down = big.scaled(base.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
                double sum = 0;
                for (int y = 0; y < base.height(); ++y)
                    for (int x = 0; x < base.width(); ++x)
                        sum += std::abs(qGray(base.pixel(x, y)) - qGray(down.pixel(x, y)));
                const double meanDiff = sum / (base.width() * base.height());
                qInfo("%s at %d DPI: mean grey difference %.2f", figures[f].first, dpi, meanDiff);
                QVERIFY2(meanDiff < 3.0, qPrintable(QStringLiteral("%1 at %2 DPI: mean grey difference %3")
                                                        .arg(QLatin1String(figures[f].first))
                                                        .arg(dpi)
                                                        .arg(meanDiff)));
                if (!shots.isEmpty() && QDir().mkpath(shots))
                    big.save(
                        shots +
                        QStringLiteral("/export-%1-%2dpi.png").arg(QLatin1String(figures[f].first)).arg(dpi));
            }
        }
    }

    // Vector exports draw each token as a rectangle of the colormap's exact colour: the PDF rendered by
    // Poppler (pdftoppm, an independent renderer) and the SVG rendered by QtSvg have, at every token
    // centre, exactly the colour the map's value maps to (opacity 1 here, so no photo shows through).
    void vectorExportsHaveTheColormapsExactColours() {
        MapOverlayView view(&session_, PanelSource::Primary);
        view.resize(700, 600);
        const FloatArray expected = computeActivationMap(reference_.get("tokens.llm.block"), layout_);
        const auto [lo, hi] = finiteRange(expected);
        const Colormap& viridis = Colormap::byName("viridis");
        const QTemporaryDir dir;
        const FigurePaintFunction paint = [&](QPainter& p, const QSize& s) { view.paintFigure(p, s); };
        const QString pdf = dir.filePath(QStringLiteral("overlay.pdf")),
                      svg = dir.filePath(QStringLiteral("overlay.svg"));
        exportFigure(pdf, view.size(), paint, 300);
        exportFigure(svg, view.size(), paint, 300);
        QProcess poppler;
        poppler.start(QStringLiteral("pdftoppm"),
                      {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"),
                       QStringLiteral("-singlefile"), pdf, dir.filePath(QStringLiteral("pdf"))});
        QVERIFY2(poppler.waitForFinished(60000) && poppler.exitCode() == 0,
                 "pdftoppm failed or is missing (scripts/setup-debian.sh installs poppler-utils)");
        const QImage fromPdf(dir.filePath(QStringLiteral("pdf.png")));
        QCOMPARE(fromPdf.size(), view.size());
        QImage fromSvg(view.size(), QImage::Format_RGB32);
        fromSvg.fill(Qt::white);
        {
            QSvgRenderer renderer(svg);
            QVERIFY(renderer.isValid());
            QPainter p(&fromSvg);
            renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(view.size())));
        }
        for (int t = 0; t < 196; ++t) {
            const Rgb want = viridis.at((expected.data[t] - lo) / (hi - lo));
            const QPoint c = view.tokenCentre(t).toPoint();
            for (const QImage* rendered : std::initializer_list<const QImage*>{&fromPdf, &fromSvg}) {
                const QRgb got = rendered->pixel(c);
                QVERIFY2(
                    qRed(got) == want.r && qGreen(got) == want.g && qBlue(got) == want.b,
                    qPrintable(QStringLiteral("token %1 in the %2: got %3, want %4,%5,%6")
                                   .arg(t)
                                   .arg(rendered == &fromPdf ? QStringLiteral("PDF") : QStringLiteral("SVG"))
                                   .arg(QColor(got).name())
                                   .arg(want.r)
                                   .arg(want.g)
                                   .arg(want.b)));
            }
        }
        // Tokens are shapes in the SVG: its embedded pictures are the photo under them and the colorbar's
        // gradient.
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count("<image"), 2);
    }

    void stageStripClickSelectsStage() {
        StageStripView strip(&session_);
        strip.resize(1200, 180);
        const QRectF cell = strip.cellRect(2, strip.size());  // block2
        QTest::mouseClick(&strip, Qt::LeftButton, {}, cell.center().toPoint());
        QCOMPARE(session_.selection().state().stage, std::string("block2"));
        // Its centre pixel is the colour of block2's centre token on its own scale.
        const FloatArray map = computeActivationMap(reference_.get("tokens.block2"), layout_);
        const auto [lo, hi] = finiteRange(map);
        const QImage shot = strip.grab().toImage();
        const QPointF probe(cell.left() + (7 + 0.5) * cell.width() / 14,
                            cell.top() + (7 + 0.5) * cell.height() / 14);
        const Rgb want = Colormap::byName("viridis").at((map.data[7 * 14 + 7] - lo) / (hi - lo));
        QCOMPARE(shot.pixel(probe.toPoint()), qRgb(want.r, want.g, want.b));
        session_.selection().setStage("llm.block");
    }

    void chartsPlotCoreNumbers() {
        ChartsPanel charts(&session_);
        const TokenNorms norms = computeTokenNorms(reference_.get("tokens.llm.block"), layout_);
        double counted = 0;
        for (const QPointF& p : charts.histogram())
            counted += p.y();
        QCOMPARE(counted, 196.0);
        QCOMPARE(charts.histogram().size(), ChartsPanel::kHistogramBins);
        QCOMPARE(charts.prefixMarks().size(), 1);
        QCOMPARE(charts.prefixMarks()[0].x(), double(norms.prefix[0]));
        const QVector<QPointF> meanNorm = charts.stageCurve(QStringLiteral("mean norm"));
        QCOMPARE(meanNorm.size(), 9);
        QCOMPARE(meanNorm[6].y(), double(computeMapStatistics(norms.grid).mean));  // llm.block is stage 6
        const SpatialSpectrum spectrum = computeSpatialSpectrum(reference_.get("tokens.llm.block"), layout_);
        QCOMPARE(charts.stageCurve(QStringLiteral("hf ratio"))[6].y(), spectrum.highFrequencyRatio);
        QCOMPARE(charts.radialProfile().size(), qsizetype(spectrum.radius.size()));
        // The window shows the spectrum on a log scale: log10 of the power, DC (0) at the smallest power.
        session_.selection().setStage("llm.block");
        session_.selection().setAnalysis(MapKind::Spectrum);
        const auto shown = session_.maps().currentMap(0);
        float smallest = INFINITY;
        for (float v : spectrum.centredPower.data)
            if (v > 0)
                smallest = std::min(smallest, v);
        for (size_t i = 0; i < shown->data.size(); ++i)
            QCOMPARE(shown->data[i], std::log10(std::max(spectrum.centredPower.data[i], smallest)));
        QCOMPARE(shown->data[7 * 14 + 7], std::log10(smallest));  // DC, at [h/2, w/2]
        session_.selection().setAnalysis(MapKind::Activation);
    }

    void withoutAttentionCapturesTheHeadViewsSayWhy() {
        Workbench plain;
        plain.scheduler().loadPlugin(testpaths::fixtures() + QStringLiteral("/slow-stages"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(plain.document().plugin(0) != nullptr, 30000);
        QVERIFY(!plain.maps().hasAttention(0));
        HeadGridView grid(&plain);
        QVERIFY2(grid.emptyReason().startsWith(QStringLiteral("slow-stages returns no attn.* captures")),
                 qPrintable(grid.emptyReason()));
        QVERIFY(session_.maps().hasAttention(0));
    }
};

FILTERSCOPE_TEST_MAIN(WorkbenchViewsTest)
#include "WorkbenchViewsTest.moc"
