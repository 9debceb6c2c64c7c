#pragma once

#include "inference/ScriptModule.h"
#include "plugin/ModelPlugin.h"
#include "session/MapResolution.h"
#include "session/ProbeResult.h"
#include "session/ProbeSelection.h"
#include "session/ResultCache.h"
#include "session/SessionJobQueue.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <utility>

namespace filterscope {

// The one document of a workbench session (Qt Core only, no widgets): loaded plugins (slot 0 primary,
// slot 1 the comparison), the inputs, cached results per (plugin, input), and the shared selection.
// Views observe its signals and read from it; they never talk to each other. Loading and running happen
// on a worker thread (SessionJobQueue), one job at a time, with progress and cancel; results arrive on
// the owner's thread and are kept in a ResultCache; the map a view shows is chosen by MapResolution.
class ProbeSession : public QObject {
    Q_OBJECT
public:
    static constexpr int kSlots = 2;

    explicit ProbeSession(QObject* parent = nullptr);
    ~ProbeSession() override;  // cancels and waits for the worker

    void setDevice(DevicePreference device) { jobs_->setDevice(device); }
    // Keep attention of new results in float16 (half the memory of the biggest captures).
    void setHalfAttention(bool half) { jobs_->setHalfAttention(half); }
    bool halfAttention() const { return jobs_->halfAttention(); }
    size_t cachedBytes() const { return cache_.bytes(); }  // memory held by every cached result
    size_t cacheBudget() const { return cache_.budget(); }
    void setCacheBudget(size_t bytes);  // least recently used results go first when it is exceeded
    // `variant`: one of an "llm" plugin's variants by name ("llm", "random", "identity", "baseline");
    // empty for the manifest's default.
    void loadPlugin(const QString& directory, int slot = 0, const QString& variant = QString());
    void closePlugin(int slot);
    void setInputs(const QStringList& paths);  // the thumbnail strip
    void openInput(const QString& path);       // becomes current once the primary plugin ran on it
    void cancel();

    std::shared_ptr<const ModelPlugin> plugin(int slot) const { return plugins_[slot]; }
    std::shared_ptr<const ProbeResult> result(int slot) const;  // for the current input, or null
    // Why `slot`'s plugin failed on the current input (load, decode, forward, captures), or empty. A failed
    // input becomes current, so every view says why instead of showing an earlier input's result.
    QString inputError(int slot) const { return inputError(slot, currentInput_); }
    QString inputError(int slot, const QString& input) const;
    bool inputFailed(const QString& input) const;  // with any loaded plugin
    QString currentInput() const { return currentInput_; }
    QStringList inputs() const { return inputs_; }
    bool isBusy() const { return jobs_->isBusy(); }
    int cachedResultCount() const { return static_cast<int>(cache_.size()); }
    // The selection as a request for one slot's map (its stage, attention token and frame).
    MapRequest mapRequest(int slot, const std::string& stage) const;

    const ProbeSelection& selection() const { return selection_; }
    // A saved session's selection, whole: a stage the next plugin has is kept when it loads.
    void restoreSelection(const ProbeSelection& selection);
    void setStage(const std::string& stage);
    // B's stage in compare mode; empty: A's stage when B has it, else B's last stage.
    void setComparisonStage(const std::string& stage);
    void setAnalysis(MapKind kind);
    // `grid`: the grid the token was picked on (a view of B, of another stage); empty: A's shown stage's.
    void setToken(int token, const std::vector<int64_t>& grid = {});
    void setColormap(const std::string& name);
    void setSharedScale(bool shared);
    void setOpacity(double opacity);
    void setHead(int head);
    void setAttendedBy(bool attendedBy);
    void setQuery(int query);
    void setFrame(int frame);                    // video: which sampled frame the views show
    int frameCount(int slot) const;              // video: sampled frames of the current result (1: image)
    const RgbImage* frameImage(int slot) const;  // the image under the maps: the current frame for video
    bool hasCrossAttention(int slot) const;      // the plugin returns xattn.* captures
    void stepStage(int delta);                   // next/previous stage in model order, clamped
    // Transient: the token under the mouse in any map view, so linked views outline it too.
    void setHoveredToken(int token);
    int hoveredToken() const { return hoveredToken_; }
    // The stage a slot shows: the selected one; for the comparison plugin, the stage chosen for it, else
    // the selected one, else (when it lacks it) its last token stage (a baseline has no llm.block).
    std::string stageFor(int slot) const;

    // The selected map of `slot` (null if not computed), and its colour range (per map or shared).
    std::shared_ptr<const FloatArray> currentMap(int slot) const { return mapFor(slot, stageFor(slot)); }
    // Any stage's map for the selection, attention maps included (those are derived on the fly from the
    // cached attn.* capture for the selected query token, head and direction). Null when not available.
    std::shared_ptr<const FloatArray> mapFor(int slot, const std::string& stage) const;
    // The same before a video map is sliced to the current frame ([t,h,w] for video).
    std::shared_ptr<const FloatArray> clipMapFor(int slot, const std::string& stage) const;
    // Absolute token index (prefix tokens first) the attention maps of `stage` are seen from: the selected
    // token carried onto the stage's grid, else the default (CLS, or kMeanOverQueries without one).
    int attentionQuery(int slot, const std::string& stage) const;
    int attentionQuery(int slot) const { return attentionQuery(slot, stageFor(slot)); }
    // The selected grid token as a token of `stage`'s grid (−1: none).
    int selectedTokenOn(int slot, const std::string& stage) const;
    bool hasAttention(int slot) const;  // the plugin returns attn.* or wattn.* captures

    // A's and B's current maps on one grid, for A − B and its summary: as they are when their shapes agree,
    // else both on the finer 2-D grid (nearest cell, as the views stretch maps over the image). `a`/`b` null:
    // a result is missing; `incompatible`: shapes no grid brings together (a clip's [t,h,w] against a map).
    struct ComparedMaps {
        std::shared_ptr<const FloatArray> a, b;
        bool resampled = false, incompatible = false;
    };
    ComparedMaps comparedMaps() const;

    // Insertion/deletion curves (RISE) of what `slot` shows now — its stage, map, head, token — on the
    // current input: asked for explicitly (2(S+1) forward passes), run on the job queue, then kept.
    void requestFaithfulness(int slot);
    std::shared_ptr<const FaithfulnessCurves> faithfulness(int slot) const;  // null until computed
    QString faithfulnessUnavailable(int slot) const;  // why it cannot be computed here, or empty
    QString faithfulnessError(int slot) const;        // why the last request failed, or empty
    bool faithfulnessRunning(int slot) const;
    std::pair<double, double> colourRange(int slot, const std::string& stage) const;

Q_SIGNALS:
    void pluginsChanged();
    void inputsChanged();
    void currentInputChanged();
    void resultsChanged();
    void selectionChanged();
    void busyChanged(bool busy);
    void progressChanged(int done, int total, const QString& message);
    void cancelRequested();  // the running job stops at its next step (a forward pass runs to its end)
    void errorOccurred(const QString& message);  // plugins and jobs; input failures are kept per input
    void hoverChanged(int token);

private:
    using Job = SessionJobQueue::Job;
    using Outcome = SessionJobQueue::Outcome;

    void scheduleRuns(const QString& input);
    std::string faithfulnessKey(int slot) const;
    void onFaithfulnessFinished(const Job& job, const Outcome& out);
    void onJobFinished(const Job& job, const Outcome& outcome);
    void adoptStageFor(const ModelPlugin& plugin);
    ResultCache::Key cacheKey(int slot, const QString& input) const;
    void pinShownResults();
    void dropResultsOf(const std::shared_ptr<const ModelPlugin>& closing);

    std::shared_ptr<const ModelPlugin> plugins_[kSlots];
    QStringList inputs_;
    std::map<std::string, std::shared_ptr<const FaithfulnessCurves>> faithfulness_;
    std::map<std::string, QString> faithfulnessErrors_;
    std::set<std::string> faithfulnessRunning_;
    QString currentInput_;
    QString requestedInput_;
    ProbeSelection selection_;
    int hoveredToken_ = -1;

    mutable ResultCache cache_;  // lookups mark entries as recently used
    struct InputError {
        QString message;
        QDateTime fileModified;  // the file as it failed: a file changed since is run again
    };
    std::map<ResultCache::Key, InputError> inputErrors_;  // per (plugin, input), like the results

    SessionJobQueue* jobs_;  // owned; deleted first so the worker stops before the document goes
};

}  // namespace filterscope
