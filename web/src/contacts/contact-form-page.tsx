import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { ContactForm } from './contact-form';
import { useContact } from './use-contacts';

export function NewContactPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Add contact"
        description="Someone in your network who might refer, or be referred."
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={820}>
        <ContactForm
          onCancel={() => navigate('/contacts')}
          onSaved={(contact) => {
            notifications.show({ color: 'teal', message: `${contact.name} was added.` });
            navigate(`/contacts/${contact.id}`);
          }}
        />
      </Paper>
    </>
  );
}

export function EditContactPage() {
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const contact = useContact(id);

  if (contact.isPending) return <LoadingState />;
  if (contact.isError) {
    return (
      <>
        <PageHeader title="Edit contact" />
        <ProblemAlert error={contact.error} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Edit ${contact.data.name}`} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={820}>
        <ContactForm
          contact={contact.data}
          onCancel={() => navigate(`/contacts/${id}`)}
          onSaved={(saved) => {
            notifications.show({ color: 'teal', message: `${saved.name} was saved.` });
            navigate(`/contacts/${saved.id}`);
          }}
        />
      </Paper>
    </>
  );
}
