#pragma once

// How long a fuzz run goes: a fixed number of mutations from a fixed seed, so every machine runs the same
// inputs and a failure replays (the run prints both). scripts/fuzz.sh sets FILTERSCOPE_FUZZ_ITERATIONS and
// FILTERSCOPE_FUZZ_SEED for longer runs with other seeds.
#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <cstdio>

namespace fuzzbudget {

struct Budget {
    long long iterations;
    uint32_t seed;
};

inline Budget fromEnvironment(long long defaultIterations, uint32_t defaultSeed, const char* target) {
    Budget b{defaultIterations, defaultSeed};
    if (qEnvironmentVariableIsSet("FILTERSCOPE_FUZZ_ITERATIONS"))
        b.iterations = qEnvironmentVariable("FILTERSCOPE_FUZZ_ITERATIONS").toLongLong();
    if (qEnvironmentVariableIsSet("FILTERSCOPE_FUZZ_SEED"))
        b.seed = qEnvironmentVariable("FILTERSCOPE_FUZZ_SEED").toUInt();
    std::printf(
        "fuzz %s: seed %u, %lld iterations (replay: FILTERSCOPE_FUZZ_SEED=%u "
        "FILTERSCOPE_FUZZ_ITERATIONS=%lld)\n",
        target, b.seed, b.iterations, b.seed, b.iterations);
    std::fflush(stdout);
    return b;
}

}  // namespace fuzzbudget
