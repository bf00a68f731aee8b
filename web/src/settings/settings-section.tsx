import type { ReactNode } from 'react';
import { Panel } from '../components/panel';

type SettingsSectionProps = {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
};

/** A section of the settings page: a panel with roomier padding and a line saying what it is for. */
export function SettingsSection({ id, title, description, children }: SettingsSectionProps) {
  return (
    <Panel
      id={id}
      title={title}
      description={description}
      headingMb="md"
      p={{ base: 'md', sm: 'lg' }}
    >
      {children}
    </Panel>
  );
}
