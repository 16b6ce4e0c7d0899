import { ComingSoon } from '../../ui/ComingSoon';

export default function Page() {
  return <ComingSoon module="surveys" />;
}
