#pragma once

#include <QWidget>

class QGridLayout;

namespace filterscope {

class CompareSummaryPanel;
class MapOverlayView;
class Workbench;

// Two plugins on the same input side by side (A = primary, B = comparison) and A − B on a diverging
// colormap, filling the central area: in a row, two over two or stacked, whichever gives the maps the most
// room at the area's size. Zoom and pan are linked here; hover and token selection through the session.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(Workbench* session, QWidget* parent = nullptr);

    MapOverlayView* primary() const { return views_[0]; }
    MapOverlayView* comparison() const { return views_[1]; }
    MapOverlayView* difference() const { return views_[2]; }
    CompareSummaryPanel* summary() const { return summary_; }

    enum class Arrangement { Row, Grid, Column };
    Arrangement arrangement() const { return arrangement_; }
    // The arrangement whose maps are largest in an area of that size.
    static Arrangement bestArrangement(QSize area);

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void arrange(Arrangement how);

    QGridLayout* grid_;
    Arrangement arrangement_ = Arrangement::Grid;
    MapOverlayView* views_[3];
    CompareSummaryPanel* summary_;
    bool syncing_ = false;
};

}  // namespace filterscope
