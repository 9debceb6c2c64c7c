#pragma once

#include <fftw3.h>

#include <cstdint>

namespace filterscope {

// FFTW plans made once per transform size and reused for the life of the process. FFTW's planner is not
// thread-safe, so plans are made under a lock; executing a plan with the new-array functions
// (fftw_execute_dft_r2c) is thread-safe and needs arrays from fftw_malloc, which callers use.
class FftwPlanCache {
public:
    // 1-D real-to-complex transform of length n (n/2+1 outputs), contiguous.
    static fftw_plan realToComplex1d(int n);
    // `howmany` 2-D real-to-complex transforms of h×w, input interleaved (element (y,x) of transform c at
    // (y·w+x)·howmany + c), output stacked (transform c at c·h·(w/2+1), contiguous).
    static fftw_plan realToComplex2dInterleaved(int h, int w, int howmany);
};

// fftw_malloc'd buffer, freed on scope exit.
template <typename T>
class FftwBuffer {
public:
    explicit FftwBuffer(size_t count) : p_(static_cast<T*>(fftw_malloc(sizeof(T) * (count ? count : 1)))) {}
    ~FftwBuffer() { fftw_free(p_); }
    FftwBuffer(const FftwBuffer&) = delete;
    FftwBuffer& operator=(const FftwBuffer&) = delete;
    T* get() const { return p_; }
    T& operator[](size_t i) const { return p_[i]; }

private:
    T* p_;
};

}  // namespace filterscope
