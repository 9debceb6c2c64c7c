#pragma once

#include <QWidget>

class QGridLayout;

namespace filterscope {

class CompareSummaryPanel;
class MapOverlayView;
class Workbench;

// Two plugins on the same input side by side (A = primary, B = comparison) and A − B on a diverging
// colormap, in a row when the area is wide, else two over one. Zoom and pan are linked here; hover and token
// selection are linked through the session.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(Workbench* session, QWidget* parent = nullptr);

    MapOverlayView* primary() const { return views_[0]; }
    MapOverlayView* comparison() const { return views_[1]; }
    MapOverlayView* difference() const { return views_[2]; }
    CompareSummaryPanel* summary() const { return summary_; }

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void arrange(bool inRow);

    QGridLayout* grid_;
    bool inRow_ = true;
    MapOverlayView* views_[3];
    CompareSummaryPanel* summary_;
    bool syncing_ = false;
};

}  // namespace filterscope
