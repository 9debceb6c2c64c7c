#include "export/ViewFigure.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "common/Error.h"
#include "exporting/MapFigureText.h"
#include "figure/CompareFigurePainter.h"
#include "figure/FigureFileWriter.h"
#include "figure/MapFigurePainter.h"
#include "session/Workbench.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

namespace filterscope {
namespace {

// What the map shows, in the figure's words: the selection decides it for attention and query maps.
std::string whatIsShown(const Workbench& wb, int slot, const std::string& stage, const InputResult& r) {
    const ViewSelection& sel = wb.selection().state();
    const PluginManifest& manifest = wb.document().plugin(slot)->manifest();
    const std::string heads = sel.head < 0 ? ", mean of heads" : ", head " + std::to_string(sel.head);
    switch (sel.analysis) {
        case MapKind::Attention: {
            const int q = wb.maps().attentionQuery(slot, stage);
            if (q == kMeanOverQueries)
                return "mean attention over all query tokens" + heads;
            const TokenLayout layout = manifest.layoutOf(stage);
            const int cell = q - layout.prefix, w = static_cast<int>(std::max<int64_t>(1, layout.width()));
            const std::string token = q < layout.prefix ? "prefix token " + std::to_string(q) + " (CLS)"
                                                        : "token " + std::to_string(q) + " (row " +
                                                              std::to_string(cell / w) + ", col " +
                                                              std::to_string(cell % w) + ")";
            return (sel.attendedBy ? "who attends to " : "where ") + token +
                   (sel.attendedBy ? "" : " attends") + heads;
        }
        case MapKind::Query:
            return "cross-attention of query " + std::to_string(sel.query);
        case MapKind::Relevance:
            return "relevance of query " + std::to_string(sel.query) + ", " + r.relevanceMethod;
        case MapKind::Spectrum:
            if (const StageMaps* m = r.stage(stage); m && m->spectrum)
                return "spatial spectrum (HF ratio " +
                       std::to_string(m->spectrum->highFrequencyRatio).substr(0, 6) + ")";
            return "spatial spectrum";
        default:
            return mapFigureText(sel.analysis, manifest.tokens.prefix > 0).what;
    }
}

std::string titleOf(const Workbench& wb, int slot, const std::string& stage, const InputResult& r) {
    const std::string input = QFileInfo(wb.document().currentInput()).completeBaseName().toStdString();
    const ViewSelection& sel = wb.selection().state();
    std::string what = whatIsShown(wb, slot, stage, r);
    if (r.frames.size() > 1)
        what += ", frame " + std::to_string(std::clamp<size_t>(sel.frame, 0, r.frames.size() - 1));
    if (sel.analysis == MapKind::Rollout && r.rollout)  // one map for the span, as the batch titles it
        return input + " | " + mapFigureText(MapKind::Rollout, true).what + ", " + r.rollout->stages.front() +
               " to " + r.rollout->stages.back();
    return mapFigureTitle(input, wb.document().plugin(slot)->manifest().labelForStage(stage), what);
}

// The map and the image it lies on, copied, for one slot.
struct ShownMap {
    FloatArray map;
    std::optional<RgbImage> background;
    std::string title, valueLabel;
};

ShownMap shownMap(const Workbench& wb, int slot) {
    const auto plugin = wb.document().plugin(slot);
    const auto result = wb.document().result(slot);
    if (!plugin)
        throw Error(slot == 0 ? "nothing to export: no plugin is open"
                              : "nothing to export: no comparison plugin");
    if (!result) {
        const QString error = wb.document().inputError(slot);
        throw Error(error.isEmpty()
                        ? "nothing to export: " + plugin->id() + " has no result for this input yet"
                        : "nothing to export: " + error.toStdString());
    }
    const std::string stage = wb.maps().stageFor(slot);
    const auto map = wb.maps().currentMap(slot);
    if (!map || map->dim() != 2)
        throw Error("nothing to export: " + plugin->id() + " has no " +
                    mapKindName(wb.selection().state().analysis) + " map for stage " + stage);
    ShownMap out{
        *map, std::nullopt, titleOf(wb, slot, stage, *result),
        mapFigureText(wb.selection().state().analysis, plugin->manifest().tokens.prefix > 0).valueLabel};
    const RgbImage* image = wb.maps().frameImage(slot);
    if (wb.selection().state().analysis != MapKind::Spectrum && image && !image->empty())
        out.background = *image;
    return out;
}

class MapViewFigure final : public ViewFigure {
public:
    MapViewFigure(ShownMap shown, MapFigureSpec spec) : shown_(std::move(shown)), spec_(std::move(spec)) {
        spec_.map = &shown_.map;
        spec_.background = shown_.background ? &*shown_.background : nullptr;
        painter_ = std::make_unique<MapFigurePainter>(spec_);
    }
    const FigurePainter& painter() const override { return *painter_; }

private:
    ShownMap shown_;
    MapFigureSpec spec_;
    std::unique_ptr<MapFigurePainter> painter_;
};

class CompareViewFigure final : public ViewFigure {
public:
    explicit CompareViewFigure(CompareFigureSpec spec)
        : spec_(std::move(spec)), painter_(std::make_unique<CompareFigurePainter>(spec_)) {}
    const FigurePainter& painter() const override { return *painter_; }

private:
    CompareFigureSpec spec_;
    std::unique_ptr<CompareFigurePainter> painter_;
};

}  // namespace

std::shared_ptr<const ViewFigure> ViewFigure::ofSlot(const Workbench& wb, int slot,
                                                     const ViewFigureOptions& options) {
    ShownMap shown = shownMap(wb, slot);
    const ViewSelection& sel = wb.selection().state();
    MapFigureSpec spec;
    spec.title = shown.title;
    spec.valueLabel = shown.valueLabel;
    spec.colormap = sel.colormap;
    spec.overlayOpacity = sel.opacity;
    spec.size = options.size;
    spec.caption = options.caption;
    // The view's colour range: the map's own min..max, the range over every stage, or (video) the clip's.
    const auto [lo, hi] = wb.maps().colourRange(slot, wb.maps().stageFor(slot));
    const auto [own_lo, own_hi] = finiteRange(shown.map);
    spec.fixedRange = lo != own_lo || hi != own_hi;
    spec.lo = lo;
    spec.hi = hi;
    spec.scaling = sel.sharedScale   ? kSharedScaling
                   : spec.fixedRange ? "colour range: min to max over the clip"
                                     : kMinMaxScaling;
    return std::make_shared<MapViewFigure>(std::move(shown), std::move(spec));
}

std::shared_ptr<const ViewFigure> ViewFigure::ofComparison(const Workbench& wb,
                                                           const ViewFigureOptions& options) {
    ShownMap a = shownMap(wb, 0), b = shownMap(wb, 1);
    const ShownMaps::ComparedMaps maps = wb.maps().comparedMaps();
    if (!maps.a || !maps.b || maps.incompatible)
        throw Error("nothing to export: A's and B's maps have grids no comparison brings together");
    const ViewSelection& sel = wb.selection().state();
    CompareFigureSpec spec;
    const std::string stageA = wb.maps().stageFor(0), stageB = wb.maps().stageFor(1);
    spec.title = QFileInfo(wb.document().currentInput()).completeBaseName().toStdString() + " | " +
                 mapFigureText(sel.analysis, true).what + " | A: " + wb.document().plugin(0)->id() +
                 ", B: " + wb.document().plugin(1)->id();
    // B without A's stage shows another one: said, so it is never taken for the same stage.
    const bool substituted = stageB != sel.stage && stageB != sel.comparisonStage;
    const auto& bStages = wb.document().plugin(1)->gridStages();
    const bool bHasStage = std::find(bStages.begin(), bStages.end(), sel.stage) != bStages.end();
    const std::string why = !substituted ? std::string()
                            : bHasStage  ? " (nearest with this map: its " + sel.stage + " has none)"
                                         : " (it has no " + sel.stage + ")";
    spec.a = {"A · " + stageA, a.map, a.background};
    spec.b = {"B · " + stageB + why, b.map, b.background};
    FloatArray diff(maps.a->shape);
    for (size_t i = 0; i < diff.data.size(); ++i)
        diff.data[i] = maps.a->data[i] - maps.b->data[i];
    spec.difference = {std::string("A − B") + (maps.resampled ? " (on the finer grid)" : ""), diff,
                       a.background};
    // The window's choice of one range or a range each (automatic: one when B shows A's stage).
    spec.joint = wb.maps().jointCompareScale();
    std::tie(spec.lo, spec.hi) = wb.maps().compareColourRange(0);
    std::tie(spec.bLo, spec.bHi) = wb.maps().compareColourRange(1);
    spec.colormap = sel.colormap;
    spec.overlayOpacity = sel.opacity;
    spec.valueLabel = a.valueLabel;
    spec.differenceLabel = "A − B";
    const MapComparison c = compareMaps(*maps.a, *maps.b);
    char numbers[160];
    std::snprintf(numbers, sizeof numbers, "%lld cells; mean |A − B| %.4g, max %.4g; Pearson r(A, B) %s",
                  static_cast<long long>(c.cells), c.meanAbsDifference, c.maxAbsDifference,
                  std::isnan(c.pearson) ? "undefined" : std::to_string(c.pearson).substr(0, 5).c_str());
    spec.footer = numbers;
    spec.size = options.size;
    spec.caption = options.caption;
    return std::make_shared<CompareViewFigure>(std::move(spec));
}

void ViewFigure::write(const QString& path, int dpi) const {
    if (dpi < 18 || dpi > 2400)
        throw Error(path.toStdString() + ": " + std::to_string(dpi) + " DPI is outside 18..2400");
    writeFigureFile(path, figureFormatOf(path), painter(), dpi / 72.0);
}

}  // namespace filterscope
