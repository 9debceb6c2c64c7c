#include "input/JpegIntegrity.h"

#include <jpeglib.h>
#include <csetjmp>
#include <cstdio>

#include <algorithm>

namespace filterscope {
namespace {

// libjpeg reports through callbacks; a fatal error must longjmp out of the library. Nothing with a
// destructor lives between setjmp and the jump.
struct Reporter {
    jpeg_error_mgr base;
    std::jmp_buf fatal;
    std::vector<std::string>* warnings;
};

void onFatal(j_common_ptr info) {
    std::longjmp(reinterpret_cast<Reporter*>(info->err)->fatal, 1);
}

void onMessage(j_common_ptr info, int level) {
    if (level >= 0)  // trace messages: not about the data
        return;
    char text[JMSG_LENGTH_MAX];
    info->err->format_message(info, text);
    auto* warnings = reinterpret_cast<Reporter*>(info->err)->warnings;
    if (std::find(warnings->begin(), warnings->end(), text) == warnings->end() && warnings->size() < 8)
        warnings->push_back(text);
    ++info->err->num_warnings;
}

bool decodeCollecting(const unsigned char* data, unsigned long size, Reporter& reporter) {
    jpeg_decompress_struct info;
    info.err = jpeg_std_error(&reporter.base);
    reporter.base.error_exit = onFatal;
    reporter.base.emit_message = onMessage;
    if (setjmp(reporter.fatal)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, const_cast<unsigned char*>(data), size);
    jpeg_read_header(&info, TRUE);
    info.scale_num = 1;
    info.scale_denom = 8;
    info.dct_method = JDCT_IFAST;
    info.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&info);
    const int rowBytes = static_cast<int>(info.output_width) * info.output_components;
    JSAMPARRAY row =
        (*info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE, rowBytes, 1);
    while (info.output_scanline < info.output_height)
        jpeg_read_scanlines(&info, row, 1);
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

}  // namespace

bool looksLikeJpeg(const std::string& bytes) {
    return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
           static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF;
}

std::vector<std::string> jpegDecodeWarnings(const std::string& bytes) {
    std::vector<std::string> warnings;
    if (!looksLikeJpeg(bytes))
        return warnings;
    Reporter reporter{};
    reporter.warnings = &warnings;
    if (!decodeCollecting(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<unsigned long>(bytes.size()), reporter))
        warnings.clear();  // not decodable at all: OpenCV refuses it and says so
    return warnings;
}

}  // namespace filterscope
