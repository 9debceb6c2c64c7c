// Token interventions' two pieces in closed form: applyTokenEdit (zero, mean over the grid tokens, drop;
// the prefix untouched) and TokenSelection (its grammar, its messages, the seeded draw's size and bounds).
#include "TestMain.h"
#include "common/Error.h"
#include "intervention/TokenEdit.h"
#include "intervention/TokenSelection.h"
#include "metrics/TokenMask.h"

#include <QtTest>

using namespace filterscope;

namespace {

// [1,4,2]: a CLS token then three grid tokens, token t = (10t, 10t + 1).
FloatArray fourTokens() {
    return FloatArray({1, 4, 2}, {0, 1, 10, 11, 20, 21, 30, 31});
}

QString messageOf(const std::string& spec) {
    try {
        TokenSelection::parse(spec);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TokenEditTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void zeroMeanAndDrop() {
        TokenEdit e{"s", ForwardSignature::EditOp::Zero, {1, 3}};
        QCOMPARE(applyTokenEdit(fourTokens(), e, 1).data, (std::vector<float>{0, 1, 0, 0, 20, 21, 0, 0}));
        e.op = ForwardSignature::EditOp::Mean;  // the grid tokens' mean (20, 21), CLS left out
        QCOMPARE(applyTokenEdit(fourTokens(), e, 1).data, (std::vector<float>{0, 1, 20, 21, 20, 21, 20, 21}));
        e.op = ForwardSignature::EditOp::Drop;
        const FloatArray d = applyTokenEdit(fourTokens(), e, 1);
        QCOMPARE(d.shape, (std::vector<int64_t>{1, 2, 2}));
        QCOMPARE(d.data, (std::vector<float>{0, 1, 20, 21}));
        e.tokens = {};
        QCOMPARE(applyTokenEdit(fourTokens(), e, 1).data, fourTokens().data);
        e.tokens = {4};
        QVERIFY_THROWS_EXCEPTION(Error, applyTokenEdit(fourTokens(), e, 1));
    }

    void selections() {
        QCOMPARE(TokenSelection::parse("list:5,2,2").select(9, 1, nullptr), (std::vector<int64_t>{3, 6}));
        const std::vector<int64_t> r = TokenSelection::parse("random:0.25:42").select(64, 1, nullptr);
        QCOMPARE(r.size(), size_t(16));
        QVERIFY(std::is_sorted(r.begin(), r.end()) && r.front() >= 1 && r.back() <= 64);
        QCOMPARE(TokenSelection::parse("random:0.25:42").select(64, 1, nullptr), r);  // seeded: the same
        QVERIFY(TokenSelection::parse("random:0.25:43").select(64, 1, nullptr) != r);
        TokenMask m;
        m.tokens = {1, 0, 0, 1};
        QCOMPARE(TokenSelection::parse("mask:inside").select(4, 1, &m), (std::vector<int64_t>{1, 4}));
        QCOMPARE(TokenSelection::parse("mask:outside").select(4, 0, &m), (std::vector<int64_t>{1, 2}));
        QVERIFY_THROWS_EXCEPTION(Error, TokenSelection::parse("mask:inside").select(9, 1, &m));
        QVERIFY_THROWS_EXCEPTION(Error, TokenSelection::parse("list:9").select(9, 1, nullptr));
    }

    void badSpecsSayWhatWasExpected() {
        const QString grammar =
            QStringLiteral(" (list:I,J,…, random:FRACTION:SEED, mask:inside or mask:outside)");
        QCOMPARE(messageOf("list:1,,2"),
                 "--tokens \"list:1,,2\": a grid index is a whole number from 0" + grammar);
        QCOMPARE(messageOf("random:1.5:1"),
                 "--tokens \"random:1.5:1\": the fraction is a number from 0 to 1" + grammar);
        QCOMPARE(messageOf("random:0.5"),
                 "--tokens \"random:0.5\": the seed is a whole number from 0" + grammar);
        QCOMPARE(messageOf("mask:edge"), "--tokens \"mask:edge\": unknown token set" + grammar);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(TokenEditTest)
#include "TokenEditTest.moc"
