// Test helper: runs decoder layer LAYER of the LLaMA-family checkpoint in FOLDER natively on the [1,N,C]
// float32 tokens in INPUT.npy and writes tokens.npy and attn.npy into OUT_DIR; prints load and forward time.
#include "array/NpyFile.h"
#include "inference/LlmBlock.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s FOLDER LAYER INPUT.npy OUT_DIR [--rope] [--causal]\n", argv[0]);
        return 2;
    }
    filterscope::LlmBlockOptions options;
    for (int i = 5; i < argc; ++i) {
        if (std::string(argv[i]) == "--rope")
            options.rope = true;
        if (std::string(argv[i]) == "--causal")
            options.causal = true;
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const auto block = filterscope::LlmBlock::fromCheckpoint(argv[1], std::atoi(argv[2]), options);
        const auto t1 = std::chrono::steady_clock::now();
        const filterscope::CaptureSet out = block->forward(filterscope::readNpy(argv[3]));
        const auto t2 = std::chrono::steady_clock::now();
        using ms = std::chrono::duration<double, std::milli>;
        std::printf("load %.1f ms, forward %.1f ms\n", ms(t1 - t0).count(), ms(t2 - t1).count());
        filterscope::writeNpy(std::string(argv[4]) + "/tokens.npy", out.get("tokens.llm.block"));
        filterscope::writeNpy(std::string(argv[4]) + "/attn.npy", out.get("attn.llm.block"));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
