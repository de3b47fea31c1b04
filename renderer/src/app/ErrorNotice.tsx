/** A failure the user can read, with Retry when there is something to retry. */
export function ErrorNotice({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice__body">
        <div className="notice__title">{title}</div>
        <div className="notice__message">{message}</div>
      </div>
      {onRetry && (
        <button type="button" className="button button--quiet" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
