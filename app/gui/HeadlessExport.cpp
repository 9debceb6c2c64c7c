#include "HeadlessExport.h"

#include "common/Error.h"
#include "common/JoinedText.h"
#include "export/ViewFigure.h"
#include "figure/FigureFileWriter.h"
#include "session/Workbench.h"

#include <QEventLoop>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace filterscope {
namespace {

int fail(int status, const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return status;
}

}  // namespace

int runHeadlessExport(const HeadlessExportRequest& r) {
    if (r.plugin.isEmpty() || r.input.isEmpty())
        return fail(2, "--export needs --plugin DIR and --input FILE");
    MapKind kind = MapKind::Activation;
    if (!r.map.isEmpty() && !mapKindNamed(r.map.toStdString(), kind))
        return fail(
            2,
            "--map \"" + r.map.toStdString() +
                "\" is not a map (norm, activation, freq, spectrum, attention, query, rollout, relevance)");
    ViewFigureOptions options;
    try {
        figureFormatOf(r.exportPath);
        if (!r.size.isEmpty())
            options.size = parseFigureSize(r.size.toStdString());
    } catch (const Error& e) {
        return fail(2, e.what());
    }
    options.caption = r.caption.toStdString();

    Workbench wb;
    std::string loadError;
    QObject::connect(&wb.document(), &WorkbenchDocument::errorOccurred,
                     [&](const QString& message) { loadError = message.toStdString(); });
    try {
        wb.scheduler().setDevice(parseDevicePreference(r.device.toStdString()));
    } catch (const Error& e) {
        return fail(2, e.what());
    }
    if (!r.colormap.isEmpty())
        wb.selection().setColormap(r.colormap.toStdString());
    wb.scheduler().loadPlugin(r.plugin, 0, r.variant);
    const bool compare = !r.compare.isEmpty() || !r.compareVariant.isEmpty();
    if (compare)
        wb.scheduler().loadPlugin(r.compare.isEmpty() ? r.plugin : r.compare, 1, r.compareVariant);
    wb.scheduler().openInput(QFileInfo(r.input).absoluteFilePath());
    QEventLoop loop;  // until the plugins are loaded and have run on the input
    QObject::connect(&wb.tasks(), &BackgroundTasks::busyChanged, &loop, [&](bool busy) {
        if (!busy)
            loop.quit();
    });
    if (wb.tasks().isBusy())
        loop.exec();
    if (!loadError.empty())
        return fail(2, loadError);
    for (int slot = 0; slot < (compare ? 2 : 1); ++slot)
        if (!wb.document().result(slot) && !wb.document().inputError(slot).isEmpty())
            return fail(1, wb.document().inputError(slot).toStdString());

    wb.selection().setAnalysis(kind);
    if (!r.stage.isEmpty()) {
        const auto plugin = wb.document().plugin(0);
        std::vector<std::string> stages = plugin->gridStages();
        for (const std::string& s : plugin->crossAttentionStages())
            stages.push_back(s);
        if (std::find(stages.begin(), stages.end(), r.stage.toStdString()) == stages.end())
            return fail(2, "plugin '" + plugin->id() + "' has no stage \"" + r.stage.toStdString() +
                               "\" (stages: " + joined(stages) + ")");
        wb.selection().setStage(r.stage.toStdString());
    }
    try {
        const auto figure =
            compare ? ViewFigure::ofComparison(wb, options) : ViewFigure::ofSlot(wb, 0, options);
        figure->write(r.exportPath, r.dpi);
        const QSize pt = figure->painter().size();
        std::fprintf(stderr, "wrote %s: %dx%d pt\n", r.exportPath.toLocal8Bit().constData(), pt.width(),
                     pt.height());
    } catch (const Error& e) {
        return fail(2, e.what());
    }
    return 0;
}

}  // namespace filterscope
