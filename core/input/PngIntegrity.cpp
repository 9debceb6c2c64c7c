#include "input/PngIntegrity.h"

#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>
#include <vector>

namespace filterscope {
namespace {

struct Reading {
    const std::string* bytes = nullptr;
    size_t at = 0;
    bool ranOut = false;
    std::string message;
};

void readBytes(png_structp png, png_bytep out, png_size_t n) {
    auto* r = static_cast<Reading*>(png_get_io_ptr(png));
    if (r->at + n > r->bytes->size()) {
        r->ranOut = true;
        png_error(png, "Read Error");  // libpng's own words when its stdio reader runs out
    }
    std::memcpy(out, r->bytes->data() + r->at, n);
    r->at += n;
}

void keepError(png_structp png, png_const_charp message) {
    static_cast<Reading*>(png_get_error_ptr(png))->message = message;
    png_longjmp(png, 1);
}

void ignoreWarning(png_structp, png_const_charp) {}

}  // namespace

std::string pngDecodeProblem(const std::string& bytes) {
    if (bytes.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8) != 0)
        return {};
    Reading r;
    r.bytes = &bytes;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, keepError, ignoreWarning);
    if (!png)
        return {};
    png_infop info = png_create_info_struct(png);
    std::vector<png_byte> row;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
        if (r.message.empty())
            return {};
        if (r.ranOut)
            return "truncated PNG: the file ends after " + std::to_string(bytes.size()) +
                   " bytes (libpng: " + r.message + ")";
        return "damaged PNG (libpng: " + r.message + ")";
    }
    png_set_read_fn(png, &r, readBytes);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row.resize(png_get_rowbytes(png, info));
    const png_uint_32 height = png_get_image_height(png, info);
    for (int pass = 0; pass < passes; ++pass)
        for (png_uint_32 y = 0; y < height; ++y)
            png_read_row(png, row.data(), nullptr);
    png_read_end(png, nullptr);
    png_destroy_read_struct(&png, &info, nullptr);
    return {};
}

}  // namespace filterscope
