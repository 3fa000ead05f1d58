// Marks a run or experiment of a graph other than the one on screen: its numbers are not this graph's.
export function OtherGraphBadge({ name }: { name: string }) {
  return (
    <span className="ll-badge ll-other-graph" data-testid="other-graph-badge" title={`Trained from another graph ("${name}"), not the one on screen`}>
      other graph
    </span>
  );
}
