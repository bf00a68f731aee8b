import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { LINK_STATS } from '../api/types';
import { DataTable } from '../components/data-table';
import { describeLinkStats, linkName, sumLinkStats } from '../kit/referral-links';
import { useReferralLinks } from '../kit/use-referral-links';
import { LINK_STAT_LABELS } from '../labels';
import { ChartCard } from './chart-card';

/**
 * The live referral links with their numbers (channel "intake link", §3.9): how far people got
 * on each one, from the visit to becoming a client. Since each link was made, not the range.
 */
export function ReferralLinksCard() {
  const links = useReferralLinks();
  const items = links.data ?? [];
  const summary =
    items.length === 0
      ? 'Loading the links…'
      : `Since each was made, your ${items.length === 1 ? 'link' : `${items.length} links`} brought ${describeLinkStats(sumLinkStats(items))}.`;
  return (
    <ChartCard
      id="referral-links"
      title="Referral links"
      isChart={false}
      summary={summary}
      empty={
        links.isSuccess && items.length === 0
          ? 'No referral links yet. Make one for each referrer, and one for your website, on the Kit page.'
          : links.isError
            ? 'The referral links could not be loaded. Reload the page to try again.'
            : undefined
      }
      footer={
        <Anchor component={Link} to="/kit" size="sm" mt="xs" display="inline-block">
          Open the Kit page
        </Anchor>
      }
    >
      {items.length > 0 ? (
        <DataTable
          minWidth={520}
          verticalSpacing={6}
          columns={[
            'Link',
            ...LINK_STATS.map((stat) => ({
              label: LINK_STAT_LABELS[stat],
              align: 'right' as const,
            })),
          ]}
        >
          {items.map((link) => (
            <Table.Tr key={link.id}>
              <Table.Th scope="row" fw={500}>
                {linkName(link)}
              </Table.Th>
              {LINK_STATS.map((stat) => (
                <Table.Td key={stat} ta="right">
                  {link.stats[stat]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </DataTable>
      ) : null}
    </ChartCard>
  );
}
