#include "intervention/TokenSelection.h"

#include "common/Error.h"
#include "metrics/TokenMask.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {
namespace {

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

bool wholeNumber(const std::string& s, uint64_t& out) {
    if (s.empty() || s.size() > 19 || !std::all_of(s.begin(), s.end(), ::isdigit))
        return false;
    out = std::stoull(s);
    return true;
}

}  // namespace

TokenSelection TokenSelection::parse(const std::string& text) {
    TokenSelection s;
    s.text = text;
    const auto bad = [&](const std::string& why) {
        return Error("--tokens \"" + text + "\": " + why +
                     " (list:I,J,…, random:FRACTION:SEED, mask:inside or mask:outside)");
    };
    const size_t colon = text.find(':');
    const std::string kind = text.substr(0, colon),
                      rest = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (kind == "list") {
        size_t start = 0;
        while (start <= rest.size()) {
            const size_t comma = std::min(rest.find(',', start), rest.size());
            uint64_t i = 0;
            if (!wholeNumber(rest.substr(start, comma - start), i))
                throw bad("a grid index is a whole number from 0");
            s.list.push_back(static_cast<int64_t>(i));
            start = comma + 1;
        }
        std::sort(s.list.begin(), s.list.end());
        s.list.erase(std::unique(s.list.begin(), s.list.end()), s.list.end());
    } else if (kind == "random") {
        s.kind = Kind::Random;
        const size_t second = rest.find(':');
        char* end = nullptr;
        const std::string f = rest.substr(0, second);
        s.fraction = std::strtod(f.c_str(), &end);
        if (f.empty() || *end || !(s.fraction >= 0 && s.fraction <= 1))
            throw bad("the fraction is a number from 0 to 1");
        if (second == std::string::npos || !wholeNumber(rest.substr(second + 1), s.seed))
            throw bad("the seed is a whole number from 0");
    } else if (kind == "mask" && (rest == "inside" || rest == "outside")) {
        s.kind = rest == "inside" ? Kind::MaskInside : Kind::MaskOutside;
    } else {
        throw bad("unknown token set");
    }
    return s;
}

std::vector<int64_t> TokenSelection::select(int64_t gridTokens, int prefix, const TokenMask* mask) const {
    std::vector<int64_t> grid;
    switch (kind) {
        case Kind::List:
            for (int64_t i : list)
                if (i >= gridTokens)
                    throw Error("--tokens \"" + text + "\": grid index " + std::to_string(i) +
                                " is not below the stage's " + std::to_string(gridTokens) + " grid tokens");
            grid = list;
            break;
        case Kind::Random: {
            std::vector<int64_t> order(static_cast<size_t>(gridTokens));
            std::iota(order.begin(), order.end(), 0);
            uint64_t state = seed;
            for (int64_t i = gridTokens - 1; i > 0; --i)
                std::swap(order[static_cast<size_t>(i)],
                          order[static_cast<size_t>(splitmix64(state) % static_cast<uint64_t>(i + 1))]);
            const auto k = static_cast<size_t>(std::llround(fraction * double(gridTokens)));
            grid.assign(order.begin(), order.begin() + static_cast<long>(std::min(k, order.size())));
            std::sort(grid.begin(), grid.end());
            break;
        }
        case Kind::MaskInside:
        case Kind::MaskOutside: {
            if (!mask)
                throw Error("--tokens \"" + text + "\" needs the input's mask (--masks DIR)");
            if (static_cast<int64_t>(mask->tokens.size()) != gridTokens)
                throw Error("--tokens \"" + text + "\": the mask was brought to " +
                            std::to_string(mask->tokens.size()) + " tokens, the stage has " +
                            std::to_string(gridTokens));
            const uint8_t want = kind == Kind::MaskInside ? 1 : 0;
            for (int64_t i = 0; i < gridTokens; ++i)
                if (mask->tokens[static_cast<size_t>(i)] == want)
                    grid.push_back(i);
            break;
        }
    }
    for (int64_t& i : grid)
        i += prefix;
    return grid;
}

}  // namespace filterscope
