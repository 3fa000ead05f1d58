import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Header } from './header/Header';
import { Palette } from './palette/Palette';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { TrainingPanel } from './training/TrainingPanel';
import { ConnectionBanner } from './common/ConnectionBanner';
import { Overlays } from './common/Overlays';
import { FileInput } from './files/FileInput';
import { useShortcuts } from './common/useShortcuts';
import { openTemplateFromUrl } from './files/fileActions';
import { TemplateGallery } from './templates/TemplateGallery';
import { TryPanel } from './try/TryPanel';

export function App() {
  useShortcuts();
  useEffect(() => openTemplateFromUrl(window.location.search), []);
  return (
    <ReactFlowProvider>
      <div className="ll-app">
        <Header />
        <ConnectionBanner />
        <div className="ll-main">
          <Palette />
          <Canvas />
          <Inspector />
        </div>
        <TrainingPanel />
      </div>
      <Overlays />
      <TemplateGallery />
      <TryPanel />
      <FileInput />
    </ReactFlowProvider>
  );
}
