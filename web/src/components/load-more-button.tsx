import { Button, Center } from '@mantine/core';

/** The paged lists' "Load more": shown while there is a next page (TanStack's infinite query). */
export function LoadMoreButton({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!list.hasNextPage) return null;
  return (
    <Center mt="md">
      <Button
        variant="default"
        onClick={() => void list.fetchNextPage()}
        loading={list.isFetchingNextPage}
      >
        Load more
      </Button>
    </Center>
  );
}
