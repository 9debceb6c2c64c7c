#pragma once

#include "pipeline/LayerAnalyses.h"
#include "session/ShownMaps.h"
#include "tasks/BackgroundTasks.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <set>
#include <string>

namespace filterscope {

// Insertion/deletion curves (RISE) of what a slot shows now — its stage, map, head, token — on the
// current input: asked for explicitly (2(S+1) forward passes), run as a background task, then kept for
// that map. Views read them here and refresh on `changed`.
class FaithfulnessRequests : public QObject {
    Q_OBJECT
public:
    FaithfulnessRequests(const WorkbenchDocument& document, const SelectionModel& selection,
                         const ShownMaps& maps, BackgroundTasks& tasks, QObject* parent = nullptr);

    void request(int slot);
    std::shared_ptr<const FaithfulnessCurves> curves(int slot) const;  // null until computed
    QString unavailable(int slot) const;  // why they cannot be computed here, or empty
    QString error(int slot) const;        // why the last request failed, or empty
    bool running(int slot) const;

Q_SIGNALS:
    void changed();

private:
    std::string keyOf(int slot) const;

    const WorkbenchDocument& document_;
    const SelectionModel& selection_;
    const ShownMaps& maps_;
    BackgroundTasks& tasks_;
    std::map<std::string, std::shared_ptr<const FaithfulnessCurves>> curves_;
    std::map<std::string, QString> errors_;
    std::set<std::string> running_;
};

}  // namespace filterscope
