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
    // Where a kind of map lives when it has one home stage (rollout, relevance) in A's result, or "".
    virtual std::string homeStageOf(MapKind kind) const = 0;
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
    // A new primary plugin: keep the stage when it has it, else its frozen LLM block, else its last stage.
    void adoptStages(const std::vector<std::string>& stages);

    void setStage(const std::string& stage);
    // B's stage in compare mode; empty: A's stage when B has it, else B's last stage.
    void setComparisonStage(const std::string& stage);
    void stepStage(int delta);       // next/previous of A's stages, clamped
    void setAnalysis(MapKind kind);  // rollout and relevance take their stage along
    // `grid`: the grid the token was picked on (a view of B, of another stage); empty: A's shown stage's.
    void setToken(int token, const std::vector<int64_t>& grid = {});
    void setHead(int head);
    void setAttendedBy(bool attendedBy);
    void setQuery(int query);
    void setFrame(int frame);  // video: which sampled frame the views show
    void setColormap(const std::string& name);
    void setSharedScale(bool shared);
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
    void appearanceChanged();  // colormap, shared scale, opacity
    void changed();            // after any of the above
    void hoverChanged(int token);

private:
    void emitAspect(void (SelectionModel::*aspect)());

    ViewSelection state_;
    int hoveredToken_ = -1;
    const SelectionRules* rules_ = nullptr;
};

}  // namespace filterscope
