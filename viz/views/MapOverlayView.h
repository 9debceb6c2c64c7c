#pragma once

#include "views/MapPainting.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

namespace filterscope {

class Workbench;

// Which map a view shows: the primary plugin's, the comparison plugin's, or their difference.
enum class PanelSource { Primary, Comparison, Difference };

// The central view: the selected map over the image, a colorbar with real values, zoom (wheel) and pan
// (drag), hover read-out and click-to-select a token. It observes the session and draws from the cached
// result; it never runs a model.
class MapOverlayView : public QWidget {
    Q_OBJECT
public:
    MapOverlayView(Workbench* session, PanelSource source, QWidget* parent = nullptr);

    const MapPanel& panel() const { return panel_; }
    double zoom() const { return zoom_; }
    QPointF pan() const { return pan_; }
    void setView(double zoom, QPointF pan);
    void resetView() { setView(1.0, {}); }

    int tokenAt(const QPointF& pos) const;   // grid token under a widget position, or -1
    QPointF tokenCentre(int token) const;    // widget position of a token's centre
    float valueAt(int token) const;          // the map's raw value there (NaN if none)
    QString describeToken(int token) const;  // "token 37 (row 2, col 9): 4.123 …"
    QString emptyReason() const { return emptyReason_; }
    // Where the whole (unzoomed) map is drawn in the widget.
    QRectF shownMapRect() const { return fittedRect(size()); }
    // Compare mode: colour A and B over their joint range, so equal colours mean equal values.
    void setJointScale(bool joint) {
        jointScale_ = joint;
        refresh();
    }

    // Figure export: the view as it is now (zoom included), at any size.
    void paintFigure(QPainter& p, const QSize& size) const;
    QSize sizeHint() const override { return {640, 560}; }

Q_SIGNALS:
    void viewChanged(double zoom, QPointF pan);
    void hoverTextChanged(const QString& text);
    void openPluginRequested(int slot);  // the empty view's "Open a plugin…" was clicked

public Q_SLOTS:
    void refresh();

protected:
    void paintEvent(QPaintEvent*) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent* e) override;

private:
    QStringList titleLines(const QSize& size) const;  // one, or two when one would cut it
    QRectF mapArea(const QSize& size) const;          // below the title, left of the colorbar
    QRectF fittedRect(const QSize& size) const;       // the whole map, centred, aspect kept
    QRectF mapRect(const QSize& size) const;          // fitted, then zoomed and panned
    void paintInto(QPainter& p, const QSize& size) const;
    // What the map of SLOT at STAGE shows, in words ("where prefix token 0 (CLS) attends, mean of heads");
    // MapOverlayCaption.cpp.
    QString mapCaption(int slot, const std::string& stage) const;

    Workbench* session_;
    PanelSource source_;
    MapPanel panel_;
    FloatArray difference_;
    std::shared_ptr<const FloatArray> held_;  // keeps a derived map (e.g. attention) alive while shown
    QString emptyReason_;
    int prefix_ = 0;                 // prefix tokens before the grid: token numbers are sequence indices
    std::vector<int64_t> pickGrid_;  // the grid a click here picks on (empty: the session's default)
    double zoom_ = 1.0;
    QPointF pan_;
    QPointF dragStart_;
    QPointF panAtDragStart_;
    bool dragging_ = false;
    bool dragged_ = false;
    bool jointScale_ = false;
};

}  // namespace filterscope
