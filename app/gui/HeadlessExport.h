#pragma once

#include <QString>
#include <QStringList>

namespace filterscope {

// `filterscope --plugin P [--compare Q] --input X --stage S --map M --export FILE [--dpi N] [--size WxH]
// [--caption TEXT] [--colormap NAME]`: the figure File > Export View would write for that view, without a
// window: the same workbench, the same selection rules, the same figure (export/ViewFigure).
struct HeadlessExportRequest {
    QString plugin, variant, compare, compareVariant, device = QStringLiteral("auto");
    QString input, stage, map, exportPath, size, caption, colormap;
    int dpi = 300;
};

// Runs it in the application's event loop and returns the exit status: 0 written, 1 the input failed,
// 2 bad usage, a plugin that does not load or nothing to export (the message on stderr names why).
int runHeadlessExport(const HeadlessExportRequest& request);

}  // namespace filterscope
