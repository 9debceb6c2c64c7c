#pragma once

#include "exporting/FigureSize.h"
#include "figure/FigurePainter.h"

#include <QString>

#include <memory>
#include <string>

namespace filterscope {

class Workbench;

struct ViewFigureOptions {
    FigureSize size;  // points; natural when 0
    std::string caption;
};

// What File > Export View (and `filterscope … --export`) writes: the map the central view shows as a tight
// paper figure — the selection's stage, map, token, head, frame, colormap, opacity and colour range, titled
// and labelled like the batch's figure of the same map (exporting/MapFigureText) and painted by the same
// painter, so an export of what `filterscope-cli run` also writes is that figure. Compare mode: A, B and
// A − B as one figure. Owns copies of its data: built on the GUI thread, painted and written anywhere.
class ViewFigure {
public:
    // Throws Error saying why there is nothing to export (no plugin, no result, no map for this stage).
    static std::shared_ptr<const ViewFigure> ofSlot(const Workbench& workbench, int slot,
                                                    const ViewFigureOptions& options);
    static std::shared_ptr<const ViewFigure> ofComparison(const Workbench& workbench,
                                                          const ViewFigureOptions& options);
    virtual ~ViewFigure() = default;
    virtual const FigurePainter& painter() const = 0;
    // PNG at `dpi` (the layout is in points: dpi/72 pixels each), PDF or SVG, by the path's suffix.
    void write(const QString& path, int dpi) const;
};

}  // namespace filterscope
