// What a cached workbench result keeps, and the float16 option for attention.
#include "TestMain.h"
#include "TestPaths.h"
#include "array/HalfArray.h"
#include "session/ComputeInputResult.h"

#include <QtTest>

#include <cmath>

using namespace filterscope;

class InputResultMemoryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void halfConversionIsIeeeBinary16() {
        QCOMPARE(floatToHalf(1.0f), uint16_t(0x3c00));
        QCOMPARE(floatToHalf(-2.0f), uint16_t(0xc000));
        QCOMPARE(floatToHalf(65504.0f), uint16_t(0x7bff));
        QCOMPARE(floatToHalf(1e6f), uint16_t(0x7c00));  // overflow: +Inf
        QCOMPARE(floatToHalf(0.1f), uint16_t(0x2e66));
        QCOMPARE(floatToHalf(std::ldexp(1.0f, -24)), uint16_t(0x0001));             // smallest subnormal
        QCOMPARE(floatToHalf(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3c00));      // tie → even
        QCOMPARE(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), uint16_t(0x3c02));  // tie → even (up)
        for (uint16_t h : {uint16_t(0x0001), uint16_t(0x03ff), uint16_t(0x0400), uint16_t(0x3555),
                           uint16_t(0x7bff), uint16_t(0xbc00)})
            QCOMPARE(floatToHalf(halfToFloat(h)), h);  // every half survives a round trip
        QVERIFY(std::isnan(halfToFloat(floatToHalf(NAN))));
    }

    void cachedResultKeepsAttentionOnlyAndHalvesIt() {
        const auto plugin = ModelPlugin::load(testpaths::demoPlugin().toStdString(), DevicePreference::Cpu);
        NullProgressSink sink;
        const InputResult full =
            computeInputResult(*plugin, testpaths::demoImage().toStdString(), sink, false);
        const InputResult half =
            computeInputResult(*plugin, testpaths::demoImage().toStdString(), sink, true);
        for (const std::string& k : full.captures.keys())
            QVERIFY2(k.rfind("attn.", 0) == 0 || k == "logits",
                     k.c_str());  // tokens.* are summarised by the maps
        QCOMPARE(full.attentionStages(),
                 (std::vector<std::string>{"block1", "block2", "block3", "block4", "llm.block"}));
        QCOMPARE(half.attentionStages(), full.attentionStages());
        size_t attention32 = 0, attention16 = 0;
        for (const std::string& s : full.attentionStages())
            attention32 += full.captures.get("attn." + s).data.size() * 4;
        for (const auto& [k, h] : half.halfAttention)
            attention16 += h.bytes();
        QCOMPARE(attention32, size_t((4 * 3 + 4) * 197 * 197 * 4));  // 4 ViT blocks × 3 heads + 4 LLaMA heads
        QCOMPARE(attention16 * 2, attention32);
        QCOMPARE(full.bytes() - half.bytes(), attention32 - attention16);
        // Maps from float16 agree with float32 to half precision (relative 2^-11).
        const PluginManifest& manifest = plugin->manifest();
        for (int head : {-1, 0, 3}) {
            const FloatArray a = full.attentionMap("llm.block", manifest, head, 5, false);
            const FloatArray b = half.attentionMap("llm.block", manifest, head, 5, false);
            for (size_t i = 0; i < a.data.size(); ++i)
                QVERIFY(std::abs(a.data[i] - b.data[i]) <= std::abs(a.data[i]) * std::ldexp(1.0, -11) + 1e-9);
        }
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(InputResultMemoryTest)
#include "InputResultMemoryTest.moc"
