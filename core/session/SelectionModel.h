#pragma once

#include "session/ViewSelection.h"

#include <QObject>

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// What the selection asks of the document to stay coherent (answered by ShownMaps).
class SelectionRules {
public:
    virtual ~SelectionRules() = default;
    // The stage A shows a kind of map at: `stage` itself when it has that map there, else A's stage with it
    // nearest in depth (rollout and relevance: their one stage); "" when A has no such map anywhere.
    virtual std::string fittingStage(MapKind kind, const std::string& stage) const = 0;
    // The grid of the stage A shows: a token picked without a grid was picked there.
    virtual std::vector<int64_t> shownTokenGrid() const = 0;
    // A's token stages in model order (next/previous stage).
    virtual std::vector<std::string> stageOrder() const = 0;
};

// The shared selection every view shows (stage, map, head, query, token, frame, colours), as one
// observable object. Each aspect has its own signal, so a view refreshes only for what it shows;
// `changed` follows every one of them for views that show everything. Views never talk to each other:
// a click in one sets the selection here and the others follow.
class SelectionModel : public QObject {
    Q_OBJECT
public:
    explicit SelectionModel(QObject* parent = nullptr) : QObject(parent) {}
    void setRules(const SelectionRules* rules) { rules_ = rules; }

    const ViewSelection& state() const { return state_; }
    // A saved session's selection, whole: a stage the next plugin has is kept when it loads.
    void restore(const ViewSelection& selection);
    // A new primary plugin: the stage and map kind kept when the plugin has that map at that stage; else a
    // Q-Former's last query stage with its query maps; else the kind kept (activation when the plugin lacks
    // it) at the plugin's stage nearest the old one, or at its frozen LLM block, or at its last stage.
    // `offered`: the kinds the plugin has at some stage; `stages` its stages in model order;
    // `queryStages` its cross-attention stages.
    void adoptPlugin(const std::vector<std::string>& stages, const std::vector<std::string>& queryStages,
                     const std::vector<MapKind>& offered);

    void setStage(const std::string& stage);
    // B's stage in compare mode; empty: A's stage when B has it, else B's last stage.
    void setComparisonStage(const std::string& stage);
    void stepStage(int delta);  // next/previous of A's stages, clamped
    // A stage without that map gives way to the nearest one with it (rollout and relevance: their stage).
    void setAnalysis(MapKind kind);
    // `grid`: the grid the token was picked on (a view of B, of another stage); empty: A's shown stage's.
    void setToken(int token, const std::vector<int64_t>& grid = {});
    void setHead(int head);
    void setAttendedBy(bool attendedBy);
    void setQuery(int query);
    void setFrame(int frame);  // video: which sampled frame the views show
    void setColormap(const std::string& name);
    void setSharedScale(bool shared);
    void setCompareScale(CompareScale scale);
    void setOpacity(double opacity);
    // Transient: the token under the mouse in any map view, so linked views outline it too.
    void setHoveredToken(int token);
    int hoveredToken() const { return hoveredToken_; }

Q_SIGNALS:
    void stageChanged();       // stage or B's stage
    void mapKindChanged();     // analysis
    void tokenChanged();       // the picked token
    void headChanged();        // head or direction (attends / attended by)
    void queryChanged();       // Q-Former query
    void frameChanged();       // video frame
    void appearanceChanged();  // colormap, shared scale, compare scale, opacity
    void changed();            // after any of the above
    void hoverChanged(int token);

private:
    void emitAspect(void (SelectionModel::*aspect)());

    ViewSelection state_;
    int hoveredToken_ = -1;
    const SelectionRules* rules_ = nullptr;
};

}  // namespace filterscope
