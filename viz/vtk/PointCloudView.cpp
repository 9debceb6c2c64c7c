#include "vtk/PointCloudView.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "plugin/ModelPlugin.h"
#include "pointcloud/PointSampling.h"
#include "session/Workbench.h"
#include "vtk/TextFont.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QWheelEvent>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGlyph3D.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPointPicker.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>

namespace filterscope {

struct PointCloudView::Impl {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkPolyData> cloud;
    vtkNew<vtkPolyDataMapper> cloudMapper;
    vtkNew<vtkActor> cloudActor;
    vtkNew<vtkLookupTable> lut;
    vtkNew<vtkScalarBarActor> bar;
    vtkNew<vtkPolyData> centres;
    vtkNew<vtkSphereSource> sphere;
    vtkNew<vtkGlyph3D> glyphs;
    vtkNew<vtkPolyDataMapper> centreMapper;
    vtkNew<vtkActor> centreActor;
    vtkNew<vtkPolyData> selected;
    vtkNew<vtkGlyph3D> selectedGlyph;
    vtkNew<vtkPolyDataMapper> selectedMapper;
    vtkNew<vtkActor> selectedActor;
    vtkNew<vtkPointPicker> picker;
    vtkNew<vtkTextActor> title;
    std::vector<float> values;  // the shown value of each point (NaN: in no group)
    FloatArray groupIndex;      // [1,G,k] of the shown result
    bool initialized = false;
    bool cameraSet = false;
    QPoint press;
    bool dragged = false;
};

PointCloudView::PointCloudView(Workbench* session, QWidget* parent)
    : QOpenGLWidget(parent), d_(std::make_unique<Impl>()), session_(session) {
    // No alpha channel: VTK leaves alpha < 1 in its framebuffer, which would let the window show through.
    QSurfaceFormat fmt = QSurfaceFormat::defaultFormat();
    fmt.setAlphaBufferSize(0);
    setFormat(fmt);
    d_->window->SetOwnContext(false);  // Qt owns the GL context; VTK draws into it
    d_->window->SetFrameBlitModeToNoBlit();
    d_->window->AddRenderer(d_->renderer);
    d_->renderer->SetBackground(0.12, 0.12, 0.14);
    d_->cloudMapper->SetInputData(d_->cloud);
    d_->cloudMapper->SetLookupTable(d_->lut);
    d_->cloudMapper->SetScalarModeToUsePointData();
    d_->cloudActor->SetMapper(d_->cloudMapper);
    d_->cloudActor->GetProperty()->SetPointSize(5);
    d_->cloudActor->GetProperty()->SetRenderPointsAsSpheres(true);
    d_->renderer->AddActor(d_->cloudActor);
    d_->sphere->SetRadius(0.025);
    d_->glyphs->SetSourceConnection(d_->sphere->GetOutputPort());
    d_->glyphs->SetInputData(d_->centres);
    d_->centreMapper->SetInputConnection(d_->glyphs->GetOutputPort());
    d_->centreMapper->ScalarVisibilityOff();
    d_->centreActor->SetMapper(d_->centreMapper);
    d_->centreActor->GetProperty()->SetColor(0.95, 0.95, 0.95);
    d_->centreActor->GetProperty()->SetOpacity(0.7);
    d_->renderer->AddActor(d_->centreActor);
    d_->selectedGlyph->SetSourceConnection(d_->sphere->GetOutputPort());
    d_->selectedGlyph->SetInputData(d_->selected);
    d_->selectedGlyph->SetScaleFactor(1.8);
    d_->selectedMapper->SetInputConnection(d_->selectedGlyph->GetOutputPort());
    d_->selectedMapper->ScalarVisibilityOff();
    d_->selectedActor->SetMapper(d_->selectedMapper);
    d_->selectedActor->GetProperty()->SetColor(0.9, 0.1, 0.1);
    d_->renderer->AddActor(d_->selectedActor);
    d_->bar->SetLookupTable(d_->lut);
    d_->bar->SetNumberOfLabels(5);
    d_->bar->SetMaximumWidthInPixels(90);
    d_->bar->GetLabelTextProperty()->SetFontSize(12);
    d_->bar->GetTitleTextProperty()->SetFontSize(12);
    d_->bar->SetPosition(0.86, 0.1);
    d_->bar->SetHeight(0.8);
    d_->renderer->AddActor2D(d_->bar);
    d_->picker->SetTolerance(0.01);
    d_->title->GetTextProperty()->SetFontSize(14);
    d_->title->GetTextProperty()->SetBold(true);
    d_->title->GetTextProperty()->SetColor(0.95, 0.95, 0.95);
    d_->title->GetTextProperty()->SetVerticalJustificationToTop();
    d_->title->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    d_->title->SetPosition(0.01, 0.98);
    d_->renderer->AddActor2D(d_->title);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &PointCloudView::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &PointCloudView::refresh);
}

PointCloudView::~PointCloudView() {
    if (!d_->initialized)
        return;
    makeCurrent();
    d_->window->Finalize();
    doneCurrent();
}

void PointCloudView::initializeGL() {
    if (!context() || !context()->isValid())
        return;  // no OpenGL here (e.g. the offscreen platform)
    d_->window->SetMapped(1);
    d_->window->SetIsCurrent(true);
    d_->window->SetSize(width() * devicePixelRatio(), height() * devicePixelRatio());
    d_->window->OpenGLInitContext();
    d_->initialized = true;
}

void PointCloudView::paintGL() {
    if (!d_->initialized)
        return;
    d_->window->SetSize(width() * devicePixelRatio(), height() * devicePixelRatio());
    d_->window->SetIsCurrent(true);
    d_->window->Render();
    // VTK renders into its own framebuffer; blit it into the one Qt composes.
    auto* gl = context()->functions();
    gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const int w = width() * devicePixelRatio(), h = height() * devicePixelRatio();
    d_->window->BlitDisplayFramebuffer(0, 0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

int PointCloudView::pointCount() const {
    return static_cast<int>(d_->cloud->GetNumberOfPoints());
}

void PointCloudView::setPointSize(double pixels) {
    d_->cloudActor->GetProperty()->SetPointSize(static_cast<float>(pixels));
    update();
}

void PointCloudView::resetCamera() {
    vtkCamera* cam = d_->renderer->GetActiveCamera();
    cam->SetPosition(0, 0, 4);
    cam->SetFocalPoint(0, 0, 0);
    cam->SetViewUp(0, 1, 0);
    cam->Azimuth(-35);
    cam->Elevation(20);
    d_->renderer->ResetCamera();
    update();
}

void PointCloudView::refresh() {
    const auto r = session_->document().result(0);
    if (!r || r->cloud.size() == 0) {
        d_->cloud->Initialize();
        d_->centres->Initialize();
        d_->selected->Initialize();
        update();
        return;
    }
    const PointCloud& c = r->cloud;
    vtkNew<vtkPoints> points;
    points->SetNumberOfPoints(c.size());
    vtkNew<vtkCellArray> verts;
    for (vtkIdType i = 0; i < c.size(); ++i) {
        points->SetPoint(i, c.xyz[i * 3], c.xyz[i * 3 + 1], c.xyz[i * 3 + 2]);
        verts->InsertNextCell(1, &i);
    }
    d_->cloud->Initialize();
    d_->cloud->SetPoints(points);
    d_->cloud->SetVerts(verts);
    const FloatArray* index = r->captures.find("group_index");
    d_->groupIndex = index ? *index : FloatArray();
    const ViewSelection& sel = session_->selection().state();
    const auto map = session_->maps().clipMapFor(0, sel.stage);
    vtkNew<vtkFloatArray> scalars;
    scalars->SetName("value");
    scalars->SetNumberOfValues(c.size());
    double lo = 0, hi = 1;
    d_->values.assign(static_cast<size_t>(c.size()), NAN);
    int ungrouped = 0;
    if (map && map->dim() == 1) {
        const FloatArray perPoint =
            index ? scatterToPoints(*map, *index, c.size()) : FloatArray({c.size()}, map->data);
        for (vtkIdType i = 0; i < c.size(); ++i) {
            scalars->SetValue(i, perPoint.data[i]);
            d_->values[i] = perPoint.data[i];
            ungrouped += std::isnan(perPoint.data[i]);
        }
        std::tie(lo, hi) = session_->maps().colourRange(0, sel.stage);
    }
    QString text = title();
    if (ungrouped > 0)
        text += tr("\ngrey: %1 points in no group (no value)").arg(ungrouped);
    chooseFontFor(d_->title->GetTextProperty(), text);
    d_->title->SetInput(text.toUtf8().constData());
    d_->cloud->GetPointData()->SetScalars(scalars);
    const Colormap& cmap = Colormap::byName(sel.colormap);
    d_->lut->SetNumberOfTableValues(256);
    for (int i = 0; i < 256; ++i) {
        const Rgb rgb = cmap.at(i / 255.0);
        d_->lut->SetTableValue(i, rgb.r / 255.0, rgb.g / 255.0, rgb.b / 255.0, 1.0);
    }
    d_->lut->SetNanColor(0.6, 0.6, 0.6, 1.0);
    d_->lut->SetTableRange(lo, hi > lo ? hi : lo + 1);
    d_->lut->Build();
    d_->cloudMapper->SetScalarRange(lo, hi > lo ? hi : lo + 1);
    // The bar says the map and stage in the interface's language, as the title above it does.
    const auto plugin = session_->document().plugin(0);
    const QString barTitle = mapKindText(sel.analysis).toLower() + QStringLiteral("\n") +
                             (plugin ? shortStageLabel(stageLabelText(plugin->manifest(), sel.stage), 12)
                                     : QString::fromStdString(sel.stage));
    chooseFontFor(d_->bar->GetTitleTextProperty(), barTitle);
    d_->bar->SetTitle(barTitle.toUtf8().constData());
    vtkNew<vtkPoints> centrePoints, selectedPoints;
    if (const FloatArray* centres = r->captures.find("centers")) {
        const int64_t g = centres->shape[1];
        for (int64_t i = 0; i < g; ++i) {
            const float* p = &centres->data[i * 3];
            centrePoints->InsertNextPoint(p[0], p[1], p[2]);
            if (i == sel.token)
                selectedPoints->InsertNextPoint(p[0], p[1], p[2]);
        }
    }
    d_->centres->Initialize();
    d_->centres->SetPoints(centrePoints);
    d_->selected->Initialize();
    d_->selected->SetPoints(selectedPoints);
    if (!d_->cameraSet) {
        resetCamera();
        d_->cameraSet = true;
    }
    update();
}

int PointCloudView::pickPoint(const QPoint& pos) {
    if (!d_->initialized || d_->cloud->GetNumberOfPoints() == 0)
        return -1;
    makeCurrent();
    const double x = pos.x() * devicePixelRatio(), y = (height() - pos.y()) * devicePixelRatio();
    d_->picker->Pick(x, y, 0, d_->renderer);
    doneCurrent();
    return d_->picker->GetDataSet() == d_->cloud.GetPointer() ? static_cast<int>(d_->picker->GetPointId())
                                                              : -1;
}

int PointCloudView::groupOfPoint(int point) const {
    const FloatArray& gi = d_->groupIndex;
    if (point < 0 || gi.dim() != 3)
        return -1;
    for (int64_t i = 0; i < gi.elementCount(); ++i)
        if (static_cast<int>(gi.data[i]) == point)
            return static_cast<int>(i / gi.shape[2]);
    return -1;
}

QString PointCloudView::title() const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin)
        return {};
    const ViewSelection& sel = session_->selection().state();
    // The id, not the display name: VTK text cannot be elided, and the scalar bar shares the width.
    return QStringLiteral("%1 · %2 · %3")
        .arg(QString::fromStdString(plugin->id()), stageLabelText(plugin->manifest(), sel.stage),
             mapKindText(sel.analysis));
}

QString PointCloudView::describePoint(int point) const {
    if (point < 0 || point >= static_cast<int>(d_->values.size()))
        return {};
    const QString value = std::isnan(d_->values[point]) ? tr("no value (in no group)")
                                                        : QString::number(d_->values[point], 'g', 5);
    const QString map = mapKindInSentence(session_->selection().state().analysis);
    const int group = groupOfPoint(point);
    const auto r = session_->document().result(0);
    const FloatArray* centres = r ? r->captures.find("centers") : nullptr;
    if (group < 0 || !centres)
        return tr("point %1: %2 %3").arg(point).arg(map, value);
    const float* c = &centres->data[static_cast<size_t>(group) * 3];
    return tr("point %1: group %2, centre (%3, %4, %5), %6 %7")
        .arg(point)
        .arg(group)
        .arg(c[0], 0, 'f', 3)
        .arg(c[1], 0, 'f', 3)
        .arg(c[2], 0, 'f', 3)
        .arg(map, value);
}

void PointCloudView::mousePressEvent(QMouseEvent* e) {
    d_->press = e->pos();
    d_->dragged = false;
}

void PointCloudView::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton))
        return;
    const QPoint delta = e->pos() - d_->press;
    if (delta.manhattanLength() < 2)
        return;
    d_->dragged = true;
    vtkCamera* cam = d_->renderer->GetActiveCamera();
    cam->Azimuth(-delta.x() * 0.5);
    cam->Elevation(delta.y() * 0.5);
    cam->OrthogonalizeViewUp();
    d_->press = e->pos();
    update();
}

void PointCloudView::mouseReleaseEvent(QMouseEvent* e) {
    if (d_->dragged || e->button() != Qt::LeftButton)
        return;
    const int point = pickPoint(e->pos());
    const int group = groupOfPoint(point);
    Q_EMIT hoverTextChanged(describePoint(point));
    if (group >= 0)
        session_->selection().setToken(group);
}

void PointCloudView::mouseDoubleClickEvent(QMouseEvent*) {
    resetCamera();
}

void PointCloudView::wheelEvent(QWheelEvent* e) {
    d_->renderer->GetActiveCamera()->Zoom(std::pow(1.0015, e->angleDelta().y()));
    update();
}

}  // namespace filterscope
