// Map resolution, the one place that picks the map for (stage, analysis, head, query, frame) and its
// colour range for every view and figure: closed-form cases on a hand-built result.
#include "TestMain.h"
#include "analysis/VideoAnalysis.h"
#include "session/MapResolution.h"

#include <QtTest>

using namespace filterscope;

namespace {

FloatArray ramp(std::vector<int64_t> shape, float start) {
    FloatArray a(std::move(shape));
    for (size_t i = 0; i < a.data.size(); ++i)
        a.data[i] = start + static_cast<float>(i);
    return a;
}

// Two grid stages on a 2×2 grid (+1 prefix token), attention at "b", a Q-Former stage "q" with 3 queries,
// rollout spanning "b", relevance filed at "q".
std::shared_ptr<InputResult> result() {
    auto r = std::make_shared<InputResult>();
    StageMaps a, b;
    a.stage = "a";
    a.norms = TokenNorms{ramp({2, 2}, 1), {}};
    a.activation = ramp({2, 2}, 10);
    b.stage = "b";
    b.norms = TokenNorms{ramp({2, 2}, 5), {}};
    r->maps = {a, b};
    FloatArray attn({1, 2, 5, 5}, 0.0f);  // head 0: every row attends to token 4; head 1: to token 1
    for (int i = 0; i < 5; ++i)
        attn.data[(0 * 5 + i) * 5 + 4] = 1, attn.data[(1 * 5 + i) * 5 + 1] = 1;
    r->captures.add("attn.b", attn);
    QueryStageMaps q;
    q.stage = "q";
    q.maps = ramp({3, 2, 2}, 100);
    r->queries = {q};
    r->rollout = RolloutMap{{"b"}, ramp({2, 2}, 50), FloatArray({2, 2})};
    r->relevance = QueryRelevance{ramp({3, 2, 2}, -6), true, {"xattn.q"}};
    r->relevanceStage = "q";
    return r;
}

PluginManifest manifest() {
    PluginManifest m;
    m.tokens.grid = {2, 2};
    m.tokens.prefix = 1;
    m.tokens.queries = 3;
    m.video.tubelet = 2;
    return m;
}

MapRequest request(const std::string& stage, MapKind kind) {
    MapRequest q;
    q.stage = stage;
    q.analysis = kind;
    return q;
}

}  // namespace

class MapResolutionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void picksTheStagesMap() {
        const auto r = result();
        QCOMPARE(resolveMap(r, manifest(), request("b", MapKind::Norm))->data, ramp({2, 2}, 5).data);
        QCOMPARE(resolveMap(r, manifest(), request("a", MapKind::Activation))->data, ramp({2, 2}, 10).data);
        QVERIFY(!resolveMap(r, manifest(), request("b", MapKind::Activation)));  // not computed there
        QVERIFY(!resolveMap(r, manifest(), request("zz", MapKind::Norm)));
        QVERIFY(!resolveMap(nullptr, manifest(), request("a", MapKind::Norm)));
    }

    void attentionHeadsMeanAndColumns() {
        const auto r = result();
        MapRequest q = request("b", MapKind::Attention);
        q.head = 0;
        QCOMPARE(resolveMap(r, manifest(), q)->data, (std::vector<float>{0, 0, 0, 1}));  // token 4 = cell 3
        q.head = -1;
        QCOMPARE(resolveMap(r, manifest(), q)->data, (std::vector<float>{0.5f, 0, 0, 0.5f}));
        q.head = 7;  // out of range: the mean
        QCOMPARE(resolveMap(r, manifest(), q)->data, (std::vector<float>{0.5f, 0, 0, 0.5f}));
        q.head = 1;
        q.attendedBy = true;
        q.attentionToken = 1;  // who attends to token 1 (grid cell 0): every row in head 1
        QCOMPARE(resolveMap(r, manifest(), q)->data, (std::vector<float>{1, 1, 1, 1}));
        QVERIFY(!resolveMap(r, manifest(), request("a", MapKind::Attention)));
    }

    void queriesRolloutAndRelevanceLiveAtTheirStages() {
        const auto r = result();
        MapRequest q = request("q", MapKind::Query);
        q.query = 2;
        QCOMPARE(resolveMap(r, manifest(), q)->data, (std::vector<float>{108, 109, 110, 111}));
        q.query = 3;
        QVERIFY(!resolveMap(r, manifest(), q));
        QCOMPARE(homeStageOf(*r, MapKind::Rollout), std::string("b"));
        QCOMPARE(homeStageOf(*r, MapKind::Relevance), std::string("q"));
        QCOMPARE(homeStageOf(*r, MapKind::Norm), std::string());
        QCOMPARE(resolveMap(r, manifest(), request("b", MapKind::Rollout))->data, ramp({2, 2}, 50).data);
        QVERIFY(!resolveMap(r, manifest(), request("a", MapKind::Rollout)));
        MapRequest rel = request("q", MapKind::Relevance);
        rel.query = 1;
        QCOMPARE(resolveMap(r, manifest(), rel)->data, (std::vector<float>{-2, -1, 0, 1}));
    }

    void videoFramesPickTheirTokenTimeSlice() {
        auto r = result();
        r->maps[0].norms->grid = ramp({3, 2, 2}, 0);  // t = 3 token-time steps, tubelet 2
        MapRequest q = request("a", MapKind::Norm);
        for (int frame : {0, 1, 2, 3, 4, 5, 9}) {
            q.frame = frame;
            const int t = std::min(frame / 2, 2);  // clamped to the clip
            const auto map = resolveMap(r, manifest(), q);
            QCOMPARE(map->shape, (std::vector<int64_t>{2, 2}));
            QCOMPARE(map->data[0], float(4 * t));
            QCOMPARE(frameSlice(r->maps[0].norms->grid, frame, manifest().video).data, map->data);
        }
        QCOMPARE(resolveClipMap(r, manifest(), q)->shape, (std::vector<int64_t>{3, 2, 2}));
        // The per-map range spans the whole clip, so colours keep their meaning while scrubbing.
        QCOMPARE(resolveColourRange(r, manifest(), q, false), (std::pair<double, double>{0, 11}));
    }

    void colourRangesPerMapAndShared() {
        const auto r = result();
        QCOMPARE(resolveColourRange(r, manifest(), request("a", MapKind::Norm), false),
                 (std::pair<double, double>{1, 4}));
        QCOMPARE(resolveColourRange(r, manifest(), request("a", MapKind::Norm), true),
                 (std::pair<double, double>{1, 8}));  // a: 1..4, b: 5..8
        MapRequest q = request("q", MapKind::Query);
        q.query = 1;
        QCOMPARE(resolveColourRange(r, manifest(), q, true), (std::pair<double, double>{104, 107}));
        QCOMPARE(resolveColourRange(r, manifest(), request("a", MapKind::Spectrum), true),
                 (std::pair<double, double>{0, 1}));  // no such map anywhere
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(MapResolutionTest)
#include "MapResolutionTest.moc"
