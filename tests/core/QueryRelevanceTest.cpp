// Planted cases for the Q-Former query analyses; tests/python/check_qformer.py compares them with
// numpy/torch on the demo Q-Former's real captures.
#include "TestMain.h"
#include "analysis/GradientRelevance.h"
#include "analysis/QueryRelevanceAnalysis.h"
#include "capture/CaptureValidator.h"
#include "common/Error.h"

#include <QtTest>

#include <cmath>

using namespace filterscope;

namespace {

TokenLayout grid(int h, int w, int prefix, int queries = 0) {
    TokenLayout l;
    l.grid = {h, w};
    l.prefix = prefix;
    l.queries = queries;
    return l;
}

// M one-hot maps on an h×w grid: query q looks only at cell cells[q].
FloatArray oneHot(int h, int w, const std::vector<int>& cells) {
    FloatArray m({static_cast<int64_t>(cells.size()), h, w});
    for (size_t q = 0; q < cells.size(); ++q)
        m.data[q * h * w + cells[q]] = 1.0f;
    return m;
}

}  // namespace

class QueryRelevanceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queryMapsAreTheHeadMeanOverTheGrid() {
        const TokenLayout l = grid(1, 2, 1, 2);
        FloatArray x({1, 2, 2, 3});                     // heads 2, queries 2, tokens CLS + 2
        x.data = {0.2f, 0.3f, 0.5f, 0.0f, 1.0f, 0.0f,   // head 0
                  0.4f, 0.1f, 0.5f, 0.0f, 0.0f, 1.0f};  // head 1
        const FloatArray m = queryMaps(x, l);
        QCOMPARE(m.shape, (std::vector<int64_t>{2, 1, 2}));
        QCOMPARE(m.data, (std::vector<float>{0.2f, 0.5f, 0.5f, 0.5f}));
    }

    void identicalQueriesFormOneGroup() {
        FloatArray maps({4, 2, 2});
        maps.data = {1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0.5f, 0.5f};  // 0 and 2 identical
        const FloatArray sim = querySimilarity(maps);
        QCOMPARE(sim.data[0 * 4 + 2], 1.0f);
        // Centred: q0 = (3,−1,−1,−1)/4, q1 = (−1,3,−1,−1)/4: correlation −1/3; raw cosine 0.
        QVERIFY(std::abs(sim.data[0 * 4 + 1] + 1.0f / 3) < 1e-6f);
        QCOMPARE(querySimilarityRaw(maps).data[0 * 4 + 1], 0.0f);
        const auto groups = duplicateGroups(sim, 0.9);
        QCOMPARE(groups, (std::vector<std::vector<int>>{{0, 2}}));
        const QueryStatistics s = computeQueryStatistics(maps, 0.9, 0.25);
        QCOMPARE(s.duplicateGroups, 1);
        QCOMPARE(s.queriesInGroups, 2);
        // Centred G: diagonal 3/4, 3/4, 3/4, 1/4; G02 = 3/4, every other pair −1/4: trace 5/2,
        // ||G||_F^2 = 7/4 + 2·(9/16 + 5/16) = 7/2, PR = (25/4)/(7/2) = 25/14.
        QVERIFY(std::abs(s.effectiveQueries - 25.0 / 14) < 1e-9);
        // Raw G = [[1,0,1,0],[0,1,0,0],[1,0,1,0],[0,0,0,.5]]: trace 3.5, ||G||_F^2 = 5.25.
        QVERIFY(std::abs(s.effectiveQueriesRaw - 3.5 * 3.5 / 5.25) < 1e-9);
        // Cells 0, 1 (max 1), 2 and 3 (max 0.5): none below 0.25.
        QCOMPARE(s.uncoveredShare, 0.0);
    }

    void oneHotQueriesGiveParticipationRatioM() {
        const FloatArray maps = oneHot(3, 3, {0, 4, 8, 2, 6});
        QVERIFY(std::abs(participationRatioRaw(maps) - 5.0) < 1e-12);
        // Centred one-hots on 9 cells: G_ii = 8/9, G_ij = −1/9: PR = (40/9)^2 / (340/81) = 80/17.
        QVERIFY(std::abs(participationRatio(maps) - 80.0 / 17) < 1e-12);
        QVERIFY(duplicateGroups(querySimilarity(maps), 0.9).empty());
        // Coverage: 5 of 9 cells seen; 4 cells uncovered at any threshold above 0.
        QCOMPARE(uncoveredShare(coverageMap(maps), 1.0 / 9), 4.0 / 9);
    }

    // Near-uniform cross-attention (every cell ~1/d, as in early layers and weak models) with one peak per
    // query and one planted duplicate: raw cosine calls everything one group; correlation finds the pair.
    void sharedFloorDoesNotMakeDuplicates() {
        const int h = 14, w = 14, d = h * w, m = 16;
        FloatArray maps({m, h, w}, 1.0f / d);
        for (int q = 0; q < m; ++q)
            maps.data[q * d + (q == 15 ? 3 * 11 : q * 11)] += 0.005f;  // query 15 repeats query 3
        const FloatArray raw = querySimilarityRaw(maps);
        for (float v : raw.data)
            QVERIFY2(v > 0.98f, "the shared floor makes every raw cosine high");
        QCOMPARE(duplicateGroups(raw, 0.9).size(), size_t(1));  // the failure centring fixes: one group
        const FloatArray sim = querySimilarity(maps);
        QCOMPARE(duplicateGroups(sim, 0.9), (std::vector<std::vector<int>>{{3, 15}}));
        QVERIFY(std::abs(sim.data[3 * m + 15] - 1.0f) < 1e-5f);
        // Distinct centred one-hot peaks on d cells correlate −1/(d−1).
        QVERIFY(std::abs(sim.data[0 * m + 1] + 1.0f / (d - 1)) < 1e-5f);
        QVERIFY(participationRatioRaw(maps) < 1.01);
        QVERIFY(participationRatio(maps) > 12);
    }

    void constantMapCorrelatesWithNothing() {
        FloatArray maps({3, 1, 4});
        maps.data = {0.25f, 0.25f, 0.25f, 0.25f, 1, 0, 0, 0, 0.5f, 0.5f, 0, 0};
        const FloatArray sim = querySimilarity(maps);
        QCOMPARE(sim.data[0], 1.0f);
        QCOMPARE(sim.data[1], 0.0f);
        QCOMPARE(sim.data[2], 0.0f);
        QCOMPARE(sim.data[3], 0.0f);
    }

    void transitiveNearDuplicatesJoinOneGroup() {
        FloatArray sim({3, 3});
        sim.data = {1, 0.95f, 0.5f, 0.95f, 1, 0.92f, 0.5f, 0.92f, 1};  // 0~1, 1~2, not 0~2
        QCOMPARE(duplicateGroups(sim, 0.9), (std::vector<std::vector<int>>{{0, 1, 2}}));
        QVERIFY(duplicateGroups(sim, 0.93).size() == 1);
        QCOMPARE(duplicateGroups(sim, 0.93).front(), (std::vector<int>{0, 1}));
    }

    void poolingBaselineCoversEverything() {
        const FloatArray pool = poolingMaps(grid(4, 4, 0), 4);  // 2x2 blocks of 2x2
        QCOMPARE(pool.shape, (std::vector<int64_t>{4, 4, 4}));
        QCOMPARE(pool.data[0 * 16 + 0 * 4 + 1], 0.25f);  // output 0 averages rows 0-1, cols 0-1
        QCOMPARE(pool.data[0 * 16 + 2 * 4 + 2], 0.0f);
        QCOMPARE(pool.data[3 * 16 + 3 * 4 + 3], 0.25f);
        QVERIFY(std::abs(participationRatioRaw(pool) - 4.0) < 1e-9);
        // K disjoint bins sum to a constant map, so centring removes one direction: K − 1 = 3.
        QVERIFY(std::abs(participationRatio(pool) - 3.0) < 1e-9);
        QCOMPARE(uncoveredShare(coverageMap(pool), 1.0 / 16), 0.0);
        // 14 rows into 4 bins overlap like AdaptiveAvgPool2d: bin 1 covers rows 3..6.
        const FloatArray p14 = poolingMaps(grid(14, 14, 0), 16);
        QCOMPARE(p14.data[(1 * 4 + 0) * 196 + 3 * 14 + 0], 1.0f / 16);
        QCOMPARE(p14.data[(0 * 4 + 0) * 196 + 3 * 14 + 0], 1.0f / 16);  // rows 0..3 in bin 0 too
    }

    void relevanceRulesOnPlantedLayers() {
        const TokenLayout l = grid(1, 2, 1, 2);  // N = 3 (CLS + 2), M = 2
        FloatArray cross({1, 1, 2, 3});
        cross.data = {0, 1, 0, 0, 0, 1};  // query 0 → grid token 0, query 1 → grid token 1
        CaptureSet only;
        only.add("xattn.q", cross);
        // Cross layer alone: R_qi = I·A·I.
        QueryRelevance r = computeQueryRelevance(only, nullptr, l);
        QVERIFY(!r.gradientWeighted);
        QCOMPARE(r.maps.data, (std::vector<float>{1, 0, 0, 1}));
        // An encoder layer of uniform attention first: R_ii = I + U, R̂_ii = U + I (rows of U sum to 1),
        // so query 0's row is (1/3, 4/3, 1/3) and its grid part (4/3, 1/3).
        CaptureSet chain;
        chain.add("attn.enc", FloatArray({1, 2, 3, 3}, 1.0f / 3));
        chain.add("xattn.q", cross);
        r = computeQueryRelevance(chain, nullptr, l);
        QCOMPARE(r.layers, (std::vector<std::string>{"attn.enc", "xattn.q"}));
        QVERIFY(std::abs(r.maps.data[0] - 4.0 / 3) < 1e-6 && std::abs(r.maps.data[1] - 1.0 / 3) < 1e-6);
        QVERIFY(std::abs(r.maps.data[2] - 1.0 / 3) < 1e-6 && std::abs(r.maps.data[3] - 4.0 / 3) < 1e-6);
        // Gradients weight and clamp: ∇ = 2 doubles the cross layer; a negative gradient removes it.
        CaptureSet grads;
        grads.add("xattn.q", FloatArray({1, 1, 2, 3}, 2.0f));
        r = computeQueryRelevance(only, &grads, l);
        QVERIFY(r.gradientWeighted);
        QCOMPARE(r.maps.data, (std::vector<float>{2, 0, 0, 2}));
        grads.add("xattn.q", FloatArray({1, 1, 2, 3}, -1.0f));
        QCOMPARE(computeQueryRelevance(only, &grads, l).maps.data, (std::vector<float>{0, 0, 0, 0}));
        // A query self-attention layer that swaps the queries swaps their relevance rows.
        CaptureSet swapped;
        swapped.add("xattn.q", cross);
        FloatArray swap({1, 1, 2, 2});
        swap.data = {0, 1, 1, 0};
        swapped.add("attn.q2", swap);
        r = computeQueryRelevance(swapped, nullptr, l);
        QCOMPARE(r.maps.data,
                 (std::vector<float>{1, 1, 1, 1}));  // R_qi += Ā·R_qi: each gains the other's row
    }

    void wrongShapesNameTheKey() {
        try {
            checkCrossAttentionShape(FloatArray({1, 2, 8, 10}), grid(2, 2, 1, 8), "xattn.qformer1");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral(
                    "capture 'xattn.qformer1' attends over 10 tokens, expected N = prefix 1 + grid 2x2 = 5"));
        }
        try {
            checkCrossAttentionShape(FloatArray({1, 2, 6, 5}), grid(2, 2, 1, 8), "xattn.q");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("capture 'xattn.q' has 6 queries, expected M = 8"));
        }
        CaptureSet c;
        c.add("tokens.enc", FloatArray({1, 5, 4}));
        c.add("tokens.q", FloatArray({1, 8, 4}));
        c.add("xattn.q", FloatArray({1, 2, 7, 5}));
        const auto problems = validateCaptureShapes(c, grid(2, 2, 1, 8));
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(QString::fromStdString(problems[0]),
                 QStringLiteral("capture 'xattn.q' has 7 queries, expected M = 8 queries (got [1,2,7,5])"));
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(QueryRelevanceTest)
#include "QueryRelevanceTest.moc"
