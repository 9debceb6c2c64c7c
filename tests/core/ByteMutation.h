#pragma once

// The mutations the fuzz runs apply to a seed file: 1–4 edits of bit flips, byte overwrites, truncations,
// inserted runs of up to MAXINSERT bytes, and, for text headers, a number made huge or negative.
#include <algorithm>
#include <random>
#include <string>

inline std::string mutateBytes(std::string b, std::mt19937& rng, bool headerNumbers, size_t maxInsert) {
    const int edits = 1 + rng() % 4;
    for (int e = 0; e < edits && !b.empty(); ++e) {
        const size_t at = rng() % b.size();
        switch (rng() % (headerNumbers ? 5 : 4)) {
            case 0:
                b[at] = static_cast<char>(b[at] ^ (1 << (rng() % 8)));
                break;
            case 1:
                b[at] = static_cast<char>(rng());
                break;
            case 2:
                b.resize(at);
                break;
            case 3:
                if (headerNumbers) {
                    const size_t digit = b.find_first_of("0123456789", at % std::min<size_t>(b.size(), 400));
                    if (digit != std::string::npos)
                        b.insert(digit, rng() % 2 ? "99999999" : "-");
                    break;
                }
                [[fallthrough]];
            default:
                b.insert(at, std::string(1 + rng() % maxInsert, static_cast<char>(rng())));
        }
    }
    return b;
}
