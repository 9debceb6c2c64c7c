// Comparing two maps (compare mode's numbers), closed-form: mean and max |a − b|, Pearson r over the cells
// where both are finite, and nearest-centre resampling between grids.
#include "TestMain.h"
#include "analysis/MapStatistics.h"
#include "common/Error.h"

#include <QtTest>

#include <cmath>

using namespace filterscope;

class MapComparisonTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void differencesAndCorrelation() {
        const FloatArray a({2, 2}, std::vector<float>{1, 2, 3, 4});
        const FloatArray b({2, 2}, std::vector<float>{2, 4, 6, 8});  // 2a: r = 1, |a − b| = a
        MapComparison c = compareMaps(a, b);
        QCOMPARE(c.cells, int64_t(4));
        QCOMPARE(c.meanAbsDifference, 2.5);
        QCOMPARE(c.maxAbsDifference, 4.0);
        QVERIFY(std::abs(c.pearson - 1.0) < 1e-12);
        const FloatArray reversed({2, 2}, std::vector<float>{4, 3, 2, NAN});  // NaN cell left out
        c = compareMaps(a, reversed);
        QCOMPARE(c.cells, int64_t(3));
        QVERIFY(std::abs(c.pearson + 1.0) < 1e-12);  // 1,2,3 against 4,3,2
        QCOMPARE(c.meanAbsDifference, (3.0 + 1.0 + 1.0) / 3.0);
        QVERIFY(std::isnan(compareMaps(a, FloatArray({2, 2}, 5.0f)).pearson));  // constant: undefined
        QVERIFY_THROWS_EXCEPTION(Error, compareMaps(a, FloatArray({4}, 0.0f)));
    }

    void resamplingTakesTheCellUnderEachCentre() {
        const FloatArray coarse({2, 2}, std::vector<float>{1, 2, 3, 4});
        const FloatArray fine = resampleNearest(coarse, 4, 4);
        QCOMPARE(fine.data, (std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
        // 3×3 from 4×4: centres at 1/6, 1/2, 5/6 of the side fall in cells 0, 2, 3.
        FloatArray big({4, 4});
        for (int i = 0; i < 16; ++i)
            big.data[i] = float(i);
        QCOMPARE(resampleNearest(big, 3, 3).data, (std::vector<float>{0, 2, 3, 8, 10, 11, 12, 14, 15}));
    }
};

FILTERSCOPE_TEST_MAIN(MapComparisonTest)
#include "MapComparisonTest.moc"
