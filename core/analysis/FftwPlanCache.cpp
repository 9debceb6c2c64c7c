#include "analysis/FftwPlanCache.h"

#include "common/Error.h"

#include <map>
#include <mutex>
#include <tuple>

namespace filterscope {
namespace {

std::mutex& plannerMutex() {
    static std::mutex m;
    return m;
}

// Every plan, destroyed with the process's statics, then FFTW's own planner state (fftw_cleanup): without
// them a leak checker reports FFTW's allocations at exit.
struct Plans {
    std::map<int, fftw_plan> oneD;
    std::map<std::tuple<int, int, int>, fftw_plan> twoD;
    ~Plans() {
        for (auto& kv : oneD)
            fftw_destroy_plan(kv.second);
        for (auto& kv : twoD)
            fftw_destroy_plan(kv.second);
        fftw_cleanup();
    }
};

Plans& plans() {
    static Plans p;
    return p;
}

}  // namespace

fftw_plan FftwPlanCache::realToComplex1d(int n) {
    auto& plans = filterscope::plans().oneD;
    std::lock_guard<std::mutex> lock(plannerMutex());
    auto it = plans.find(n);
    if (it != plans.end())
        return it->second;
    FftwBuffer<double> in(static_cast<size_t>(n));
    FftwBuffer<fftw_complex> out(static_cast<size_t>(n / 2 + 1));
    fftw_plan p = fftw_plan_dft_r2c_1d(n, in.get(), out.get(), FFTW_ESTIMATE);
    if (!p)
        throw Error("FFTW could not plan a length-" + std::to_string(n) + " transform");
    plans.emplace(n, p);
    return p;
}

fftw_plan FftwPlanCache::realToComplex2dInterleaved(int h, int w, int howmany) {
    auto& plans = filterscope::plans().twoD;
    std::lock_guard<std::mutex> lock(plannerMutex());
    const auto key = std::make_tuple(h, w, howmany);
    auto it = plans.find(key);
    if (it != plans.end())
        return it->second;
    const int n[2] = {h, w};
    const int half = h * (w / 2 + 1);
    FftwBuffer<double> in(static_cast<size_t>(h) * w * howmany);
    FftwBuffer<fftw_complex> out(static_cast<size_t>(half) * howmany);
    fftw_plan p = fftw_plan_many_dft_r2c(2, n, howmany, in.get(), nullptr, howmany, 1, out.get(), nullptr, 1,
                                         half, FFTW_ESTIMATE);
    if (!p)
        throw Error("FFTW could not plan " + std::to_string(h) + "x" + std::to_string(w) + " transforms");
    plans.emplace(key, p);
    return p;
}

}  // namespace filterscope
