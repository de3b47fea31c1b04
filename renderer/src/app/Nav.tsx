import type { WorkspaceInfo } from '../../../core/api/types';
import { formatCount } from '../format';
import { SCREENS, hrefFor, type ScreenId } from './routes';

export function Nav({ current, workspace, datasetCount }: { current: ScreenId; workspace: WorkspaceInfo | null; datasetCount: number | null }) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <svg className="brand__mark" viewBox="0 0 16 24" aria-hidden="true" focusable="false">
          <line x1="8" y1="1" x2="8" y2="15" />
          <path d="M8 15 L3 19 L8 23 L13 19 Z" />
        </svg>
        <span className="brand__name">Plumbline</span>
      </div>
      <nav aria-label="Screens">
        <ul className="nav">
          {SCREENS.map((s) => (
            <li key={s.id}>
              <a className="nav__link" href={hrefFor({ screen: s.id })} aria-current={s.id === current ? 'page' : undefined}>
                <span>{s.label}</span>
                {s.id === 'datasets' && datasetCount !== null && <span className="nav__count">{formatCount(datasetCount)}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {workspace && (
        <div className="sidebar__footer">
          <div className="sidebar__label">Workspace</div>
          <div className="sidebar__path" title={workspace.path}>
            {workspace.path}
          </div>
          <div className="sidebar__version">Plumbline {workspace.version}</div>
        </div>
      )}
    </aside>
  );
}
