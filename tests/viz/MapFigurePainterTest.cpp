#include "TestMain.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/ColorbarAxis.h"
#include "figure/ColorbarTicks.h"
#include "figure/FigureFileWriter.h"
#include "figure/FigureFont.h"
#include "figure/FigureTitle.h"
#include "figure/MapFigurePainter.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

class MapFigurePainterTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ticksAreNiceRealValues() {
        QCOMPARE(colorbarTicks(0, 3), (std::vector<double>{0, 1, 2, 3}));
        QCOMPARE(colorbarTicks(1.41, 5.17), (std::vector<double>{2, 3, 4, 5}));
        const std::vector<double> small = colorbarTicks(-0.013, 0.021);
        QCOMPARE(small.size(), size_t(4));
        QVERIFY(std::abs(small[0] + 0.01) < 1e-12 && std::abs(small[3] - 0.02) < 1e-12);
    }

    // Near-constant maps (a feature that hardly varies) must still get distinct, truthful labels.
    void tickLabelsAreDistinctOnNearConstantMaps_data() {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::newRow("0.005 +- 1e-7") << 0.0049999 << 0.0050001;
        QTest::newRow("0.005 +- 3e-10") << 0.0049999997 << 0.0050000003;
        QTest::newRow("far from zero") << 12345.1 << 12345.2;
        QTest::newRow("tiny") << 1.00000e-7 << 1.00004e-7;
        QTest::newRow("huge") << 3.0e9 << 3.000002e9;
        QTest::newRow("around zero") << -2e-12 << 3e-12;
        QTest::newRow("ordinary") << 0.16 << 0.791;
    }
    void tickLabelsAreDistinctOnNearConstantMaps() {
        QFETCH(double, lo);
        QFETCH(double, hi);
        const TickLabels t = tickLabels(lo, hi);
        QVERIFY2(t.ticks.size() >= 2, qPrintable(QString::number(t.ticks.size())));
        const double step = t.ticks[1] - t.ticks[0];
        for (size_t i = 0; i < t.ticks.size(); ++i) {
            QVERIFY(t.ticks[i] >= lo - step * 1e-6 && t.ticks[i] <= hi + step * 1e-6);
            // Each label, with the shared factor and offset, reads back as its tick to well within a step.
            QVERIFY2(std::abs(tickValue(t, i) - t.ticks[i]) < step * 0.01,
                     qPrintable(t.labels[i] + ' ' + t.suffix + QStringLiteral(" for ") +
                                QString::number(t.ticks[i], 'g', 17)));
            // Short: the factor and offset take what a label would repeat.
            QVERIFY2(t.labels[i].size() <= 6, qPrintable(t.labels[i] + ' ' + t.suffix));
            if (i > 0)
                QVERIFY2(t.labels[i] != t.labels[i - 1], qPrintable(t.labels[i]));
        }
    }

    // The ranges the walkthrough found clipped or repeated, as matplotlib's ScalarFormatter labels them.
    void tickLabelsShareAFactorOrAnOffset() {
        const TickLabels rollout = tickLabels(0.00490, 0.00500);  // was "0.0049" twice
        QCOMPARE(rollout.suffix, QStringLiteral("×10⁻³"));
        QCOMPARE(rollout.labels.front(), QStringLiteral("4.90"));
        QCOMPARE(rollout.labels.back(), QStringLiteral("5.00"));
        const TickLabels relevance = tickLabels(0.0, 0.00153);  // was "1.50e-0" (exponent cut)
        QCOMPARE(relevance.suffix, QStringLiteral("×10⁻³"));
        QCOMPARE(relevance.labels, (std::vector<QString>{"0.0", "0.5", "1.0", "1.5"}));
        QCOMPARE(tickLabels(0.0, 0.0153).labels.back(), QStringLiteral("0.015"));  // short enough as it is
        const TickLabels entropy = tickLabels(0.99971, 1.0);  // heads that differ in the fourth decimal
        QCOMPARE(entropy.suffix, QStringLiteral("×10⁻³ +0.999"));
        QCOMPARE(entropy.labels, (std::vector<QString>{"0.8", "0.9", "1.0"}));  // 0.9998, 0.9999, 1.0000
        const TickLabels plain = tickLabels(1.41, 5.17);
        QCOMPARE(plain.suffix, QString());
        QCOMPARE(plain.labels, (std::vector<QString>{"2", "3", "4", "5"}));
        QCOMPARE(compactRangeText(0.00444, 0.00512), QStringLiteral("4.44 – 5.12 ×10⁻³"));
        QCOMPARE(compactRangeText(1.41, 5.17), QStringLiteral("1.41 – 5.17"));
        const TickLabels large = tickLabels(0, 2.5e6);
        QCOMPARE(large.suffix, QStringLiteral("×10⁶"));
        QCOMPARE(large.labels.back(), QStringLiteral("2.5"));
    }

    // Painted: every tick label's ink inside the width colorbarExtent measures, none two alike, even on a
    // short bar (fewer ticks there, a line and a half apart).
    void colorbarLabelsStayInsideTheirMeasuredWidth_data() {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("barHeight");
        QTest::newRow("rollout") << 0.00490 << 0.00500 << 300;
        QTest::newRow("relevance") << 0.0 << 0.00153 << 120;
        QTest::newRow("far from zero") << 12345.1 << 12345.2 << 200;
        QTest::newRow("negative") << -41.5 << -3.2 << 60;
    }
    void colorbarLabelsStayInsideTheirMeasuredWidth() {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, barHeight);
        QImage image(400, barHeight + 40, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        p.setFont(figureFont(11));
        ColorbarAxis axis;
        axis.bar = QRectF(10, 20, 14, barHeight);
        axis.lo = lo;
        axis.hi = hi;
        axis.valueLabel = QStringLiteral("Activation");
        const QFontMetricsF fm(p.font(), p.device());
        const double right = axis.bar.right() + colorbarExtent(fm, axis);
        paintColorbar(p, Colormap::byName("viridis"), axis);
        p.end();
        int inkRight = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (qGray(image.pixel(x, y)) < 200)
                    inkRight = std::max(inkRight, x);
        QVERIFY2(inkRight <= right + 1,
                 qPrintable(QStringLiteral("ink to %1, measured %2").arg(inkRight).arg(right)));
        QVERIFY(inkRight > axis.bar.right() + 10);  // the labels were drawn
        const int room = static_cast<int>(barHeight / (1.5 * fm.height()));
        const TickLabels t = tickLabels(lo, hi, std::clamp(room, 2, 5));
        QVERIFY(t.ticks.size() >= 2);
        QVERIFY(t.ticks.size() <= size_t(std::max(3, room + 2)));
        for (size_t i = 1; i < t.labels.size(); ++i)
            QVERIFY(t.labels[i] != t.labels[i - 1]);
    }

    void chartAxisLabelsAreDistinct() {
        for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{
                 {0.9970, 0.9985}, {0, 1}, {0.0050, 0.00501}, {2e-7, 3e-7}, {12345.0, 12345.4}, {0, 1.5e6}}) {
            const QString format = axisLabelFormat(lo, hi, 5);
            QStringList labels;
            for (int i = 0; i < 5; ++i)
                labels << QString::asprintf(format.toLatin1().constData(), lo + (hi - lo) * i / 4);
            QCOMPARE(labels.removeDuplicates(), qsizetype(0));
            for (int i = 0; i < 5; ++i)  // each reads as its value, to well under a step
                QVERIFY(std::abs(labels[i].toDouble() - (lo + (hi - lo) * i / 4)) < (hi - lo) / 4 * 0.01);
        }
        QCOMPARE(axisLabelFormat(0.997, 0.999, 5), QStringLiteral("%.4f"));  // steps of 0.0005
        QCOMPARE(axisLabelFormat(0, 1, 5), QStringLiteral("%.2f"));          // 0.25 and 0.75, not 0.2 and 0.8
    }

    void titlesDropModelWordsFromTheEndNeverStageOrMap() {
        QFont bold(QStringLiteral("DejaVu Sans"));
        bold.setPixelSize(14);
        bold.setBold(true);
        const QFontMetricsF fm(bold);
        const QString model = QStringLiteral("Demo ViT-Tiny/16 + frozen LLaMA-style block");
        const QString kept = QStringLiteral(" · Frozen LLaMA block · Attention, mean of heads");
        const QString title = model + kept;
        QCOMPARE(fitFigureTitle(title, fm, fm.horizontalAdvance(title) + 1), title);
        for (const QString& room : {QStringLiteral("Demo ViT-Tiny/16 +…"), QStringLiteral("Demo…")}) {
            const qreal width = fm.horizontalAdvance(room + kept) + 1;
            const QString fitted = fitFigureTitle(title, fm, width);
            QCOMPARE(fitted, room + kept);
            QVERIFY(fm.horizontalAdvance(fitted) <= width);
        }
        // No room for any model word: stage and map alone; then, only then, the end is cut.
        QCOMPARE(fitFigureTitle(title, fm, fm.horizontalAdvance(kept)), kept.mid(3));
        const QString cut = fitFigureTitle(title, fm, 120);
        QVERIFY(cut.endsWith(QStringLiteral("…")) && fm.horizontalAdvance(cut) <= 120);
    }

    void viridisEndpointsMatchMatplotlib() {
        const Colormap& v = Colormap::byName("viridis");
        QCOMPARE(int(v.at(0).r), 0x44);
        QCOMPARE(int(v.at(0).g), 0x01);
        QCOMPARE(int(v.at(0).b), 0x54);
        QCOMPARE(int(v.at(1).r), 0xfd);
        QCOMPARE(int(v.at(1).g), 0xe7);
        QCOMPARE(int(v.at(1).b), 0x25);
    }

    void eachTokenCellHasItsValuesColour() {
        const FloatArray map({2, 2}, std::vector<float>{0, 1, 2, 3});
        MapFigureSpec spec;
        spec.title = "test";
        spec.map = &map;
        spec.colormap = "magma";
        const MapFigurePainter painter(spec);
        QImage img(painter.size(), QImage::Format_RGB32);
        QPainter p(&img);
        painter.paint(p);
        p.end();
        // The map is 448 px square at (16, 42): cell centres at +112 and +336.
        const Colormap& magma = Colormap::byName("magma");
        const QPoint centres[4] = {
            {16 + 112, 42 + 112}, {16 + 336, 42 + 112}, {16 + 112, 42 + 336}, {16 + 336, 42 + 336}};
        for (int i = 0; i < 4; ++i) {
            const Rgb want = magma.at(i / 3.0);
            QCOMPARE(img.pixel(centres[i]), qRgb(want.r, want.g, want.b));
        }
    }

    void pngHasScaledSizeAndDpi() {
        QTemporaryDir dir;
        const FloatArray map({14, 14}, 1.0f);
        MapFigureSpec spec;
        spec.map = &map;
        FigureFileWriter writer(2.0);
        writer.writeMap(dir.filePath(QStringLiteral("f.png")).toStdString(), spec);
        writer.finish();
        const QImage img(dir.filePath(QStringLiteral("f.png")));
        QCOMPARE(img.size(), MapFigurePainter(spec).size() * 2);
        QCOMPARE(img.dotsPerMeterX(), qRound(144 / 0.0254));
    }

    void failedWriteIsReportedByFinish() {
        const FloatArray map({2, 2}, 1.0f);
        MapFigureSpec spec;
        spec.map = &map;
        FigureFileWriter writer;
        writer.writeMap("/nonexistent-dir/f.png", spec);
        try {
            writer.finish();
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(
                         QStringLiteral("/nonexistent-dir/f.png: cannot write PNG figure")),
                     e.what());
        }
    }
};

FILTERSCOPE_TEST_MAIN(MapFigurePainterTest)
#include "MapFigurePainterTest.moc"
