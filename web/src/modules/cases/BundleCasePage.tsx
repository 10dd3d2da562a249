import { BundleCaseView } from '../portal/MyBundlePage.tsx';

/** The window's view of a bundle application, with the one delivery for all its cases. */
export default function BundleCasePage() {
  return <BundleCaseView portal={false} />;
}
